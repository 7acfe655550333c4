using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// Wrong solutions written as a learner would write them in the exercise cell, run in the kernel with the chapter's own
/// check cell: each must get "not yet", on any machine. The library's tests hold many more (tests/AsyncLab.Tests,
/// Exercises/Chapters); these prove that the checks hold the same way inside a notebook.
/// </summary>
public sealed class WrongSolutionsInCellsTests
{
    public static TheoryData<string, string, string, bool> Attempts => new()
    {
        {
            "01-sequential-vs-concurrent.ipynb", "exercise-breakfast", """
            Task MakeBreakfastAsync(Func<Task> makeCoffee, Func<Task> fryEggs, Func<Task> makeToast)
            {
                Task.WaitAll(makeCoffee(), fryEggs(), makeToast());   // blocks until all three are done
                return Task.CompletedTask;
            }
            """, false
        },
        {
            "01-sequential-vs-concurrent.ipynb", "exercise-breakfast", """
            Task MakeBreakfastAsync(Func<Task> makeCoffee, Func<Task> fryEggs, Func<Task> makeToast) =>
                Task.WhenAll(Task.Run(() => makeCoffee().Wait()), Task.Run(() => fryEggs().Wait()), Task.Run(() => makeToast().Wait()));
            """, false
        },
        {
            "02-waiting-for-many.ipynb", "exercise-mirror", """
            async Task<string> DownloadFromFastestAsync(Func<CancellationToken, Task<string>>[] mirrors)
            {
                var others = new CancellationTokenSource();
                Task<string> fastest = await Task.WhenAny(mirrors.Select(mirror => mirror(others.Token)));
                others.Cancel();   // asked to stop, but not awaited
                return await fastest;
            }
            """, false
        },
        {
            "05-cancellation.ipynb", "exercise-copy", """
            async Task CopyAsync(SimulatedConnections connections, Func<CancellationToken, Task> readRows, Func<CancellationToken, Task> writeRows, CancellationToken cancellationToken)
            {
                SimulatedConnection source = connections.Open("source");
                try
                {
                    await readRows(cancellationToken);
                    await using SimulatedConnection target = connections.Open("target");
                    await writeRows(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    source.Dispose();   // closed only when canceled
                    throw;
                }
            }
            """, false
        },
        {
            "02-waiting-for-many.ipynb", "exercise-parcels", """
            async Task<List<string>> HandleParcelsAsync(Task<string>[] parcels)
            {
                var handled = new List<string>();
                await Task.WhenAll(parcels.Select(parcel => parcel.ContinueWith(done => { lock (handled) { handled.Add(done.Result); } }, TaskScheduler.FromCurrentSynchronizationContext())));
                return handled;
            }
            """, true
        },
        {
            "09-pitfalls.ipynb", "exercise-retry", """
            async Task<string> FetchWithRetryAsync(Func<CancellationToken, Task<string>> fetch, TimeSpan pause, CancellationToken cancellationToken)
            {
                try { return await fetch(cancellationToken); }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Thread.Sleep(pause);   // the fetches are awaited, the pause still blocks
                    return await fetch(cancellationToken);
                }
            }
            """, false
        },
        {
            "09-pitfalls.ipynb", "exercise-visits", """
            async Task CountVisitsAsync(IReadOnlyList<Func<Task>> visits, SimulatedCounter counter)
            {
                using var gate = new SemaphoreSlim(1, 1);
                await Task.WhenAll(visits.Select(async visit =>
                {
                    await visit();
                    gate.Wait();   // a blocking wait on the gate
                    try { await counter.WriteAsync(await counter.ReadAsync() + 1); }
                    finally { gate.Release(); }
                }));
            }
            """, false
        },
        {
            "10-under-the-hood.ipynb", "exercise-loop", """
            class TinyLoop : ITinyEventLoop
            {
                private readonly Queue<Action> _ready = new();
                private readonly List<System.Threading.Timer> _timers = new();
                public void CallSoon(Action callback) => _ready.Enqueue(callback);
                public void CallLater(TimeSpan delay, Action callback) => _timers.Add(new System.Threading.Timer(_ => callback(), null, delay, Timeout.InfiniteTimeSpan));   // fires on the pool
                public void Run()
                {
                    while (_ready.Count > 0) _ready.Dequeue()();
                    Thread.Sleep(TimeSpan.FromSeconds(1));   // long enough for every timer, but on other threads
                    _timers.ForEach(timer => timer.Dispose());
                }
            }
            """, false
        },
        {
            "10-under-the-hood.ipynb", "exercise-wait", """
            async Task<bool> WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> isReady, TimeSpan every, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
            {
                long start = time.GetTimestamp();
                while (time.GetElapsedTime(start) < timeout)   // the deadline is looked at only between questions
                {
                    if (await isReady(cancellationToken)) return true;
                    await Task.Delay(every, time, cancellationToken);
                }
                return false;
            }
            """, false
        },
        {
            "12-capstone-crawler.ipynb", "exercise-per-host", """
            async Task FetchAllAsync(HttpClient http, IReadOnlyList<Uri> urls, int perHost, CancellationToken cancellationToken)
            {
                var gates = new ConcurrentDictionary<string, SemaphoreSlim>();   // keyed by url.Host: 127.0.0.1 for every site
                await Task.WhenAll(urls.Select(async url =>
                {
                    SemaphoreSlim gate = gates.GetOrAdd(url.Host, _ => new SemaphoreSlim(perHost));
                    await gate.WaitAsync(cancellationToken);
                    try { using HttpResponseMessage response = await http.GetAsync(url, cancellationToken); }
                    finally { gate.Release(); }
                }));
            }
            """, false
        },
        {
            "12-capstone-crawler.ipynb", "exercise-cancel", """
            async Task FetchUntilCanceledAsync(HttpClient http, IReadOnlyList<Uri> urls, int workers, CancellationToken cancellationToken)
            {
                var queue = Channel.CreateUnbounded<Uri>();
                foreach (Uri url in urls) queue.Writer.TryWrite(url);
                queue.Writer.Complete();
                async Task WorkAsync()
                {
                    await foreach (Uri url in queue.Reader.ReadAllAsync(cancellationToken))   // the token only on the read
                    {
                        using HttpResponseMessage response = await http.GetAsync(url);
                    }
                }
                await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync()));
            }
            """, false
        },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task ChapterCheck_AttemptWrittenInTheExerciseCell_GivesTheExpectedVerdict(string file, string exerciseId, string attempt, bool passes)
    {
        var chapter = ChapterFile.Load(file);
        var code = chapter.Code.ToList();
        var exercise = code.Single(cell => cell.Id == exerciseId);
        var check = code[code.IndexOf(exercise) + 1];
        var setup = code[0].Source.Replace("\"../artifacts/", $"\"{Repository.Root}/artifacts/", StringComparison.Ordinal);
        using var files = new TestNotebook();

        foreach (var engine in new[] { KernelEngine.Interactive, KernelEngine.Scripting })
        {
            var results = await Engines.RunAsync(engine, files, setup, attempt, check.Source);

            Assert.All(results, result => Assert.Equal(CellStatus.Ok, result.Status));
            Assert.True(passes == results[2].Checks.Single().Passed, $"{engine}: the check of '{exerciseId}' said {(passes ? "not yet" : "passed")}");
        }
    }
}
