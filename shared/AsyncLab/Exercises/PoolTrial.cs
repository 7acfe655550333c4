using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// The check of a resource pool exercise (chapter 08): runs a learner's caller method on pools and queries
/// the learner did not write. Pool 1 has two connections and five callers: A's query succeeds, B's fails,
/// C is canceled by its caller in the middle of its query, D cannot get a connection within its maximum wait,
/// and E arrives later and needs the connections that B and C had. Pool 2 has three connections and five
/// callers whose queries all succeed, two of them after waiting. Use <see cref="Of"/> as the attempt and the
/// expectations of this class.
/// </summary>
/// <remarks>
/// The trial runs on the real clock, because blocking is a real-time matter: call the check outside
/// <see cref="VirtualTimeLoop"/>. It takes about 3 seconds times the latency scale.
/// </remarks>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Every connection comes back", PoolTrial.Of(QueryAsync),
///     PoolTrial.EachCallerGetsItsOutcome(), PoolTrial.ConnectionsAlwaysComeBack())
/// </code>
/// </example>
public static class PoolTrial
{
    /// <summary>What a caller method returns when it got no connection within its maximum wait: "busy".</summary>
    public const string Busy = "busy";

    /// <summary>The tolerance on every time, in unscaled seconds.</summary>
    private const double Tolerance = 0.15;

    private static readonly Caller[] s_pool1 =
    [
        new("A", 0, Query: 1.8, MaxWait: 1.5, Fails: false, CancelAt: null),
        new("B", 0, Query: 0.6, MaxWait: 1.5, Fails: true, CancelAt: null),
        new("C", 0, Query: 0.75, MaxWait: 1.5, Fails: false, CancelAt: 0.9),
        new("D", 0, Query: 0.3, MaxWait: 0.3, Fails: false, CancelAt: null),
        new("E", 1.05, Query: 0.45, MaxWait: 0.45, Fails: false, CancelAt: null),
    ];

    private static readonly Caller[] s_pool2 =
    [
        new("F", 0, Query: 0.5, MaxWait: 1, Fails: false, CancelAt: null),
        new("G", 0, Query: 0.3, MaxWait: 1, Fails: false, CancelAt: null),
        new("H", 0, Query: 0.6, MaxWait: 1, Fails: false, CancelAt: null),
        new("I", 0, Query: 0.4, MaxWait: 1, Fails: false, CancelAt: null),
        new("J", 0, Query: 0.2, MaxWait: 1, Fails: false, CancelAt: null),
    ];

    /// <summary>What each caller must end with, in caller order.</summary>
    private static readonly string[] s_expected =
    [
        "A: A done", "B: failed", "C: canceled", "D: " + Busy, "E: E done",
        "F: F done", "G: G done", "H: H done", "I: I done", "J: J done",
    ];

    /// <summary>When pool 2's last caller should be done, in unscaled seconds: I waits for G (0.3 + 0.4), J for F (0.5 + 0.2).</summary>
    private const double Pool2Total = 0.7;

    /// <summary>
    /// The attempt for <see cref="Exercise.CheckAsync{T}(string, Func{SimulatedIO, Task{T}}, Expectation[])"/>: runs the caller method
    /// <paramref name="query"/> for every caller of both pools and returns what was measured, for this class's expectations.
    /// </summary>
    /// <param name="query">
    /// The learner's method: the pool, the query to run with a rented connection and the caller's token, the longest the caller may
    /// wait for a connection, and the caller's token. It returns the query's result, or <see cref="Busy"/> when no connection came within the wait.
    /// </param>
    public static Func<SimulatedIO, Task<object>> Of(Func<ResourcePool<SimulatedConnection>, Func<SimulatedConnection, CancellationToken, Task<string>>, TimeSpan, CancellationToken, Task<string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return async io =>
        {
            ArgumentNullException.ThrowIfNull(io);
            return await RunAsync(query, io.LatencyScale);
        };
    }

    /// <summary>Every caller ends as it should: a result, the query's failure, a cancellation, or <see cref="Busy"/>.</summary>
    public static Expectation EachCallerGetsItsOutcome() => new(
        "Each caller ends as it should: its result, its query's failure, its cancellation, or \"busy\" when no connection came in time",
        run => Report(run) is { } report
            ? (report.Outcomes.SequenceEqual(s_expected), string.Join("; ", report.Outcomes))
            : NoReport(run),
        "Expected A done, B failed (the query's exception reaches the caller), C canceled, D busy, E done, and F to J done. "
        + "Rent with pool.RentAsync(maxWait, cancellationToken) and return \"busy\" on TimeoutException; let every other exception through.");

    /// <summary>A caller that gets no connection gives up after its maximum wait: not at once, and not later.</summary>
    public static Expectation GivesUpAfterMaxWait() => new(
        "A caller that gets no connection says \"busy\" after its maximum wait, not before and not later",
        run => Report(run) is { } report
            ? (report.BusyAt is { } at && (at - report.BusyExpected).Duration() <= report.Tolerance,
                report.BusyAt is { } busyAt ? Invariant($"D said busy after {TextFormat.Seconds(busyAt)}, its maximum wait was {TextFormat.Seconds(report.BusyExpected)}") : "D never said busy")
            : NoReport(run),
        "D must wait up to its maximum wait (a connection might come back meanwhile) and give up then: pass maxWait to RentAsync instead of failing at once or waiting forever.");

    /// <summary>Both pools are full again at the end: every connection came back, also after a failure, a cancellation or a timeout.</summary>
    public static Expectation ConnectionsAlwaysComeBack() => new(
        "Every connection comes back to the pool, also after a failing, a canceled and a timed-out caller",
        run => Report(run) is { } report
            ? (report.LeftRented.Length == 0, report.LeftRented.Length == 0 ? "both pools full again at the end" : "still rented at the end: " + string.Join(", ", report.LeftRented))
            : NoReport(run),
        "A connection was never given back. Hold the lease in `await using`, so that it goes back however your method ends; "
        + "and never leave a RentAsync running after you stopped waiting for it (WaitAsync does that).");

    /// <summary>Canceling the caller's token stops its query at once.</summary>
    public static Expectation CancelStopsTheQuery() => new(
        "Canceling a caller's token stops its query at once",
        run => Report(run) is { } report
            ? (report.CanceledQuery == "canceled" && report.CancelLag is { } lag && lag <= report.Tolerance,
                "C's query " + report.CanceledQuery + (report.CancelLag is { } l ? "; C ended " + TextFormat.Seconds(l) + " after the cancel" : ""))
            : NoReport(run),
        "Pass the caller's cancellationToken to the query, so that a canceled caller stops its query and gives its connection back at once.");

    /// <summary>Callers use every connection at once, and a waiting caller gets a connection as soon as one comes back.</summary>
    public static Expectation UsesEveryConnection() => new(
        "Callers use every connection at once, and a waiting caller gets one as soon as it comes back",
        run => Report(run) is { } report
            ? (report.Pool2Peak == 3 && report.Pool2Total <= report.Pool2Expected + report.Tolerance,
                Invariant($"pool of 3: peak {report.Pool2Peak} in use; five callers done after {TextFormat.Seconds(report.Pool2Total)}, {TextFormat.Seconds(report.Pool2Expected)} possible"))
            : NoReport(run),
        "Some callers waited although a connection was free: rent from the pool only, without another lock or a delay of your own.");

    /// <summary>The caller method never holds a thread for long: no .Result, .Wait() or Thread.Sleep.</summary>
    public static Expectation NeverBlocks() => new(
        "Never blocks a thread while it waits",
        run => Report(run) is { } report
            ? (report.LongStretches < 2, Invariant($"{report.LongStretches} stretches of {TextFormat.Seconds(report.Tolerance)} or more without an await; the longest {TextFormat.Seconds(report.Longest)}"))
            : NoReport(run),
        "Your code held a thread while it waited (.Result, .Wait() or Thread.Sleep): await instead.");

    private static PoolTrialReport? Report(ExerciseRun run) => run.Result as PoolTrialReport;

    private static (bool, string) NoReport(ExerciseRun run) => (false, run.Exception is null ? "the trial did not finish" : "the trial ended with " + run.Exception.GetType().Name);

    private static async Task<PoolTrialReport> RunAsync(Func<ResourcePool<SimulatedConnection>, Func<SimulatedConnection, CancellationToken, Task<string>>, TimeSpan, CancellationToken, Task<string>> method, double scale)
    {
        TimeSpan Scaled(double seconds) => LatencyScale.Apply(TimeSpan.FromSeconds(seconds), scale);
        var meter = new BlockingMeter();
        var report = new PoolTrialReport { Tolerance = Scaled(Tolerance), BusyExpected = Scaled(s_pool1[3].MaxWait), Pool2Expected = Scaled(Pool2Total) };
        var connections = new SimulatedConnections();
        var outcomes = new List<string>();
        var leftRented = new List<string>();

        var pool1 = new ResourcePool<SimulatedConnection>([connections.Open("db 1"), connections.Open("db 2")], TimeProvider.System);
        var recorder1 = new TimingRecorder(TimeProvider.System);
        var (outcomes1, ends1) = await RunPoolAsync(pool1, recorder1, s_pool1, method, meter, scale);
        outcomes.AddRange(outcomes1);
        leftRented.AddRange(Rented(pool1, "pool 1"));
        report.BusyAt = outcomes1[3] == "D: " + Busy ? ends1[3] : null;
        OperationRecord? cQuery = recorder1.Operations.FirstOrDefault(o => o.Name == "C's query");
        report.CanceledQuery = cQuery is null ? "never ran" : cQuery.Outcome.ToString().ToLowerInvariant();
        report.CancelLag = outcomes1[2] == "C: canceled" ? Max(TimeSpan.Zero, ends1[2] - Scaled(s_pool1[2].CancelAt!.Value)) : null;

        var pool2 = new ResourcePool<SimulatedConnection>([connections.Open("db 3"), connections.Open("db 4"), connections.Open("db 5")], TimeProvider.System);
        var (outcomes2, ends2) = await RunPoolAsync(pool2, new TimingRecorder(TimeProvider.System), s_pool2, method, meter, scale);
        outcomes.AddRange(outcomes2);
        leftRented.AddRange(Rented(pool2, "pool 2"));
        report.Pool2Peak = pool2.PeakInUse;
        report.Pool2Total = ends2.Max();

        report.Outcomes = [.. outcomes];
        report.LeftRented = [.. leftRented];
        (report.LongStretches, report.Longest) = await meter.LongStretchesAsync(report.Tolerance);
        return report;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static IEnumerable<string> Rented(ResourcePool<SimulatedConnection> pool, string name) =>
        pool.InUse == 0 ? [] : [Invariant($"{pool.InUse} of {pool.Size} connections of {name}")];

    private static async Task<(string[] Outcomes, TimeSpan[] Ends)> RunPoolAsync(
        ResourcePool<SimulatedConnection> pool,
        TimingRecorder recorder,
        Caller[] callers,
        Func<ResourcePool<SimulatedConnection>, Func<SimulatedConnection, CancellationToken, Task<string>>, TimeSpan, CancellationToken, Task<string>> method,
        BlockingMeter meter,
        double scale)
    {
        TimeSpan Scaled(double seconds) => LatencyScale.Apply(TimeSpan.FromSeconds(seconds), scale);
        var io = new SimulatedIO(recorder, new SimulatedIOOptions { LatencyScale = scale });
        var ends = new TimeSpan[callers.Length];

        async Task<string> CallAsync(int index)
        {
            Caller caller = callers[index];
            if (caller.StartAt > 0)
            {
                await Task.Delay(Scaled(caller.StartAt));
            }

            using var cancellation = caller.CancelAt is { } at ? new CancellationTokenSource(Scaled(at) - recorder.Elapsed) : new CancellationTokenSource();
            Func<SimulatedConnection, CancellationToken, Task<string>> query = (connection, token) => caller.Fails
                ? io.FailAsync<string>(caller.Name + "'s query", TimeSpan.FromSeconds(caller.Query), "the query failed", token)
                : io.FetchAsync(caller.Name + "'s query", TimeSpan.FromSeconds(caller.Query), caller.Name + " done", token);
            string outcome;
            try
            {
                outcome = await meter.RunAsync(() => method(pool, query, Scaled(caller.MaxWait), cancellation.Token));
            }
            catch (SimulatedFailureException)
            {
                outcome = "failed";
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                outcome = "canceled";
            }
            catch (Exception exception)
            {
                outcome = "threw " + exception.GetType().Name;
            }

            ends[index] = recorder.Elapsed;
            return caller.Name + ": " + outcome;
        }

        string[] outcomes = await Task.WhenAll(Enumerable.Range(0, callers.Length).Select(CallAsync).ToArray());

        // Let queries a caller left running end, so that nothing outlives the check.
        await recorder.WhenNothingRunningAsync();
        return (outcomes, ends);
    }

    private sealed record Caller(string Name, double StartAt, double Query, double MaxWait, bool Fails, double? CancelAt);
}
