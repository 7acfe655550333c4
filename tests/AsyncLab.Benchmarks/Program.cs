using System.Diagnostics;
using AsyncLab;
using AsyncLab.Benchmarks;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using static System.FormattableString;

// Measures what tests must not assert on. Run with: dotnet run -c Release --project tests/AsyncLab.Benchmarks
Console.WriteLine(LabEnvironment.Describe());
Console.WriteLine();

WhenAllInVirtualTime(runs: 500);
ThrottledInVirtualTime(count: 10_000, limit: 100, TimeSpan.FromMilliseconds(250), runs: 5);
await RecorderAccuracyInRealTime([50, 100, 200], repetitions: 10);
await NotebookSnippetAsCells();
return 0;

static void WhenAllInVirtualTime(int runs)
{
    Console.WriteLine("(a) Task.WhenAll of simulated operations of 1 s, 2 s and 3 s, in virtual time");
    var stopwatch = Stopwatch.StartNew();
    TimingRecorder first = Scenarios.WhenAllOneTwoThree();
    double firstMs = stopwatch.Elapsed.TotalMilliseconds;

    var wallMs = new List<double>();
    for (int run = 0; run < runs; run++)
    {
        stopwatch.Restart();
        Scenarios.WhenAllOneTwoThree();
        wallMs.Add(stopwatch.Elapsed.TotalMilliseconds);
    }

    foreach (OperationRecord operation in first.Operations)
    {
        Console.WriteLine(Invariant($"    {operation.Name}: {operation.Start.TotalSeconds:0.000} s → {operation.End!.Value.TotalSeconds:0.000} s, threads {operation.StartThreadId} → {operation.EndThreadId}"));
    }

    TimingSummary summary = first.Summarize();
    Console.WriteLine(Invariant($"    virtual end: {summary.Elapsed.TotalSeconds:0.000} s (exactly 3 s: {summary.Elapsed == TimeSpan.FromSeconds(3)})"));
    Console.WriteLine(Invariant($"    wall time, first run (includes JIT): {firstMs:0.00} ms"));
    Console.WriteLine(Invariant($"    wall time, next {runs} runs: median {Median(wallMs):0.000} ms, 90th percentile {Percentile(wallMs, 0.9):0.000} ms, max {wallMs.Max():0.000} ms"));
    Console.WriteLine(Invariant($"    target < 50 ms per run: {(Percentile(wallMs, 0.9) < 50 ? "met" : "NOT met")} (90th percentile); the first run in a process also pays the one-time JIT cost"));
    Console.WriteLine();
}

static void ThrottledInVirtualTime(int count, int limit, TimeSpan latency, int runs)
{
    Console.WriteLine(Invariant($"(b) {count:N0} simulated operations of {latency.TotalMilliseconds:0} ms, at most {limit} at a time (SemaphoreSlim), in virtual time"));
    TimeSpan expected = latency * Math.Ceiling((double)count / limit);
    var wallMs = new List<double>();
    TimingSummary? summary = null;
    for (int run = 0; run < runs; run++)
    {
        var stopwatch = Stopwatch.StartNew();
        summary = Scenarios.Throttled(count, limit, latency);
        wallMs.Add(stopwatch.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine(Invariant($"    virtual end: {summary!.Elapsed.TotalSeconds:0.000} s; expected ceil({count} / {limit}) × {latency.TotalSeconds:0.000} s = {expected.TotalSeconds:0.000} s (exact: {summary.Elapsed == expected}); peak {summary.PeakConcurrency} in flight"));
    Console.WriteLine(Invariant($"    wall time: first {wallMs[0]:0.0} ms; median of all {runs} runs {Median(wallMs):0.0} ms"));
    Console.WriteLine();
}

static async Task RecorderAccuracyInRealTime(int[] delaysMs, int repetitions)
{
    Console.WriteLine(Invariant($"(c) TimingRecorder on the system clock vs a Stopwatch around the same await (Task.Delay, {repetitions} times each)"));
    var recorder = new TimingRecorder();
    await recorder.RecordAsync("warm-up", () => Task.Delay(1));
    foreach (int delayMs in delaysMs)
    {
        var differencesMs = new List<double>();
        var recordedMs = new List<double>();
        for (int repetition = 0; repetition < repetitions; repetition++)
        {
            recorder.Reset();
            var stopwatch = Stopwatch.StartNew();
            await recorder.RecordAsync("delay", () => Task.Delay(delayMs));
            double measuredMs = stopwatch.Elapsed.TotalMilliseconds;
            double recorded = recorder.Operations[0].Duration!.Value.TotalMilliseconds;
            recordedMs.Add(recorded);
            differencesMs.Add(Math.Abs(measuredMs - recorded));
        }

        Console.WriteLine(Invariant($"    {delayMs,3} ms: recorded mean {recordedMs.Average():0.00} ms; |Stopwatch − recorded| mean {differencesMs.Average():0.000} ms, max {differencesMs.Max():0.000} ms"));
    }

    Console.WriteLine();
}

static async Task NotebookSnippetAsCells()
{
    Console.WriteLine("(d) The notebook snippet, cell by cell, with Roslyn scripting (the engine of the C# kernel)");
    ScriptOptions options = ScriptOptions.Default
        .AddReferences(typeof(VirtualTimeLoop).Assembly, typeof(Stopwatch).Assembly)
        .WithImports("System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq");
    ScriptState<object> state = await CSharpScript.RunAsync(NotebookSnippet.Setup, options);
    for (int cell = 0; cell < NotebookSnippet.Cells.Length; cell++)
    {
        var stopwatch = Stopwatch.StartNew();
        state = await state.ContinueWithAsync(NotebookSnippet.Cells[cell], options);
        Console.WriteLine(Invariant($"    [cell {cell + 1} done in {stopwatch.ElapsedMilliseconds} ms, compile included]"));
    }

    Console.WriteLine(state.ReturnValue?.ToString());
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double fraction)
{
    double[] sorted = [.. values.Order()];
    int index = (int)Math.Ceiling(fraction * sorted.Length) - 1;
    return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
}
