using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// The check of a stream exercise (chapter 08): runs a learner's page stream on pages the learner did not
/// write, three times — read to the end, left after two pages, canceled in the middle of a page — and
/// measures when each page reached the reader, what was fetched, and whether the stream blocked a thread.
/// Use <see cref="Of"/> as the attempt and the expectations of this class.
/// </summary>
/// <remarks>
/// The trial runs on the real clock, because blocking is a real-time matter: call the check outside
/// <see cref="VirtualTimeLoop"/>. It takes about 5 seconds times the latency scale.
/// </remarks>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Pages as a stream", StreamTrial.Of(ReadPagesAsync),
///     StreamTrial.EveryPageOnceInOrder(), StreamTrial.EachPageWhenItArrives(), StreamTrial.StopsWhenCanceled())
/// </code>
/// </example>
public static class StreamTrial
{
    private static readonly double[] s_readAll = [0.4, 0.6, 0.3, 0.5];
    private static readonly double[] s_leftEarly = [0.3, 0.4, 0.5, 0.3, 0.4];
    private static readonly double[] s_canceled = [0.4, 0.6, 0.4];
    private const int ReadBeforeLeaving = 2;
    private const double CancelAt = 0.7;

    /// <summary>Half the shortest page latency, in unscaled seconds: the tolerance for "at once" and the length of a stretch that counts as blocking.</summary>
    private const double Tolerance = 0.15;

    /// <summary>
    /// The attempt for <see cref="Exercise.CheckAsync{T}(string, Func{SimulatedIO, Task{T}}, Expectation[])"/>: runs
    /// <paramref name="stream"/> in the three situations and returns what was measured, for this class's expectations.
    /// The stream must fetch page <c>i</c> (from 1) as <c>io.FetchAsync($"page {i}", latencies[i - 1], token)</c> and yield its response.
    /// </summary>
    /// <param name="stream">The learner's method: simulated I/O, the pages' latencies, and the token of the reader.</param>
    public static Func<SimulatedIO, Task<object>> Of(Func<SimulatedIO, IReadOnlyList<TimeSpan>, CancellationToken, IAsyncEnumerable<string>> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return async io =>
        {
            ArgumentNullException.ThrowIfNull(io);
            return await RunAsync(stream, io.LatencyScale);
        };
    }

    /// <summary>Reading to the end gives every page's response exactly once, in page order.</summary>
    public static Expectation EveryPageOnceInOrder() => new(
        "Yields every page exactly once, in page order",
        run => Report(run) is { } report
            ? (report.Items.SequenceEqual(Expected(s_readAll.Length)), Invariant($"{s_readAll.Length} pages of other latencies than yours; yielded ") + ValueText.Format(report.Items))
            : NoReport(run),
        "Fetch each page with io.FetchAsync($\"page {i}\", latencies[i - 1], cancellationToken) for i from 1, and yield return what it returns, once per page.");

    /// <summary>Each page reaches the reader as soon as its fetch has ended, not when every page has been fetched.</summary>
    public static Expectation EachPageWhenItArrives() => new(
        "Each page reaches the reader as soon as it has been fetched",
        run => Report(run) is { } report
            ? (report.Lateness.Count == s_readAll.Length && report.Lateness.All(late => late is { } value && value <= report.Tolerance),
                "time from the end of each fetch to the reader: " + string.Join(", ", report.Lateness.Select(late => late is { } value ? TextFormat.Seconds(value) : "no such fetch")))
            : NoReport(run),
        "A page reached the reader long after its fetch had ended: yield return each page right after awaiting it, instead of collecting them all first.");

    /// <summary>A reader that stops after two pages costs at most one page more: the stream fetches only what is read, and leaves nothing running.</summary>
    public static Expectation FetchesOnlyWhatIsRead() => new(
        Invariant($"A reader that leaves after {ReadBeforeLeaving} pages causes at most {ReadBeforeLeaving + 1} fetches and leaves none running"),
        run => Report(run) is { } report
            ? (report.FetchesWhenLeaving <= ReadBeforeLeaving + 1 && report.RunningWhenLeft == 0,
                Invariant($"{report.FetchesWhenLeaving} of {s_leftEarly.Length} pages fetched, {report.RunningWhenLeft} still running"))
            : NoReport(run),
        "Pages were fetched that nobody read, or left running: fetch a page only when the reader asks for the next one (inside the loop, just before yield return).");

    /// <summary>
    /// A reader that cancels through <c>WithCancellation</c> in the middle of a page gets an <see cref="OperationCanceledException"/> at once;
    /// the page in flight is canceled and no further page is fetched.
    /// </summary>
    public static Expectation StopsWhenCanceled() => new(
        "Canceled through WithCancellation mid-page: the fetch in flight is canceled and the reader gets OperationCanceledException at once",
        run => Report(run) is { } report
            ? (report.CanceledOutcome == "canceled" && report.CancelLag <= report.Tolerance && report.CanceledPages == "page 1 completed, page 2 canceled",
                report.CanceledOutcome + (report.CancelLag is { } lag ? " " + TextFormat.Seconds(lag) + " after the cancel" : "") + "; " + report.CanceledPages)
            : NoReport(run),
        "The reader's token did not stop the stream promptly. Mark the token parameter with [EnumeratorCancellation] so that WithCancellation reaches it, "
        + "pass it to every fetch, and don't catch the OperationCanceledException.");

    /// <summary>The stream never holds a thread for long: no .Result, .Wait() or Thread.Sleep.</summary>
    public static Expectation NeverBlocks() => new(
        "Never blocks a thread while a page is fetched",
        run => Report(run) is { } report
            ? (report.LongStretches < 2, Invariant($"{report.LongStretches} stretches of {TextFormat.Seconds(report.Tolerance)} or more without an await; the longest {TextFormat.Seconds(report.Longest)}"))
            : NoReport(run),
        "Your code held a thread while it waited (.Result, .Wait() or Thread.Sleep): await the fetch instead.");

    private static StreamTrialReport? Report(ExerciseRun run) => run.Result as StreamTrialReport;

    private static (bool, string) NoReport(ExerciseRun run) => (false, run.Exception is null ? "the trial did not finish" : "the trial ended with " + run.Exception.GetType().Name);

    private static string[] Expected(int pages) => [.. Enumerable.Range(1, pages).Select(page => Invariant($"response from page {page}"))];

    private static async Task<StreamTrialReport> RunAsync(Func<SimulatedIO, IReadOnlyList<TimeSpan>, CancellationToken, IAsyncEnumerable<string>> stream, double scale)
    {
        var meter = new BlockingMeter();
        var options = new SimulatedIOOptions { LatencyScale = scale };
        TimeSpan tolerance = LatencyScale.Apply(TimeSpan.FromSeconds(Tolerance), scale);
        var report = new StreamTrialReport { Tolerance = tolerance };

        // 1. Read every page.
        var all = new TimingRecorder(TimeProvider.System);
        var arrivals = new ArrivalLog(all);
        await meter.RunAsync(() => ReadAsync(() => stream(new SimulatedIO(all, options), Seconds(s_readAll), default), arrivals, int.MaxValue, default));
        report.Items = [.. arrivals.Arrivals.Select(a => a.Item)];
        IReadOnlyList<OperationRecord> fetched = all.Operations;
        report.Lateness = [.. arrivals.Arrivals.Select((arrival, index) =>
            fetched.FirstOrDefault(o => o.Name == Invariant($"page {index + 1}") && o.End is not null)?.End is { } end ? arrival.At - end : (TimeSpan?)null)];

        // 2. Leave after two pages.
        var left = new TimingRecorder(TimeProvider.System);
        await meter.RunAsync(() => ReadAsync(() => stream(new SimulatedIO(left, options), Seconds(s_leftEarly), default), new ArrivalLog(left), ReadBeforeLeaving, default));
        TimingSummary leaving = left.Summarize();
        report.FetchesWhenLeaving = leaving.Count;
        report.RunningWhenLeft = leaving.Running;

        // 3. Cancel in the middle of page 2.
        var canceled = new TimingRecorder(TimeProvider.System);
        TimeSpan cancelAt = LatencyScale.Apply(TimeSpan.FromSeconds(CancelAt), scale);
        using (var cancellation = new CancellationTokenSource(cancelAt))
        {
            try
            {
                await meter.RunAsync(() => ReadAsync(() => stream(new SimulatedIO(canceled, options), Seconds(s_canceled), default), new ArrivalLog(canceled), int.MaxValue, cancellation.Token));
                report.CanceledOutcome = "returned normally";
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                report.CanceledOutcome = "canceled";
                report.CancelLag = Max(TimeSpan.Zero, canceled.Elapsed - cancelAt);
            }
            catch (Exception exception)
            {
                report.CanceledOutcome = "threw " + exception.GetType().Name;
            }
        }

        report.CanceledPages = string.Join(", ", canceled.Operations.Select(o => o.Name + " " + o.Outcome.ToString().ToLowerInvariant()));
        (report.LongStretches, report.Longest) = await meter.LongStretchesAsync(tolerance);

        // Let whatever the stream left running end, so that nothing outlives the check.
        foreach (TimingRecorder recorder in new[] { all, left, canceled })
        {
            await recorder.WhenNothingRunningAsync();
        }

        return report;
    }

    private static async Task ReadAsync(Func<IAsyncEnumerable<string>> open, ArrivalLog arrivals, int take, CancellationToken cancellationToken)
    {
        int read = 0;
        await foreach (string item in open().WithCancellation(cancellationToken))
        {
            arrivals.Add(item);
            if (++read >= take)
            {
                break;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan[] Seconds(double[] latencies) => [.. latencies.Select(TimeSpan.FromSeconds)];
}
