using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Runs a learner's attempt at an exercise against fresh <see cref="SimulatedIO"/> and checks its
/// behaviour. A check never throws because of an unsolved exercise: an exception, a
/// <see cref="NotImplementedException"/> or a hang all become "not yet".
/// </summary>
/// <remarks>
/// <para>
/// The check pattern every chapter follows, so that a check rejects wrong solutions it has never seen:
/// </para>
/// <list type="number">
/// <item><description>An exercise method takes its data as parameters: the operations themselves (a
/// <c>Func&lt;CancellationToken, Task&lt;string&gt;&gt;</c> that starts one, or a task already running), names, latencies,
/// timeouts. Nothing the check depends on is written in the learner's code, so knowing the example's data
/// (which call is slowest, which fails, how long a timeout is) cannot help.</description></item>
/// <item><description>The check runs the method several times with <see cref="CheckAsync(string, Trial[])"/>, one
/// <see cref="Trial"/> per run, on fresh data: other latencies, another order, another winner, a different timeout,
/// and every path the exercise names (success, failure, cancellation at each stage). Values carry a number the learner
/// cannot guess, so a hard-coded answer fails.</description></item>
/// <item><description>Blocking is detected by measuring, not by reading code: the attempt is called on a thread of its
/// own that runs all its continuations, like asyncio's loop. <see cref="Expect.DoesNotBlock"/>, which every trial
/// includes, measures how long the method takes to hand back its task and whether that task is still unfinished,
/// how long the thread is blocked in waits (<c>Thread.Sleep</c>, <c>.Wait()</c>, <c>.Result</c>), whether it
/// deadlocked, and whether operations were started on other threads (<c>Task.Run</c>).</description></item>
/// <item><description>Expectations are judged at the instant the attempt's task completes, before any other work on
/// its thread runs: an operation that was only asked to stop, and not awaited, is still running then, on every
/// machine. Judge orders (which ended first, which started after which) rather than wall-clock bounds where you can:
/// a busy machine delays timers, never the order in which one thread records things.</description></item>
/// </list>
/// <para>
/// Called inside <see cref="VirtualTimeLoop"/>, a check runs the attempt on the loop with the virtual
/// clock: the measured times are exact, and <see cref="Timeout"/> is virtual time.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Fetch both at once",
///     io => Task.WhenAll(io.FetchAsync("A", TimeSpan.FromSeconds(1)), io.FetchAsync("B", TimeSpan.FromSeconds(1))),
///     Expect.Operations(2), Expect.AllAtOnce());
/// </code>
/// </example>
public static class Exercise
{
    private static readonly TimeSpan s_maximumTimeout = TimeSpan.FromDays(1);
    private static TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static int s_warm;

    /// <summary>How long an attempt may run before it counts as hanging; 30 seconds unless changed (virtual seconds inside <see cref="VirtualTimeLoop"/>).</summary>
    public static TimeSpan Timeout
    {
        get => s_timeout;
        set
        {
            if (value <= TimeSpan.Zero || value > s_maximumTimeout)
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The exercise timeout must be greater than zero and at most one day, but was {value}."));
            }

            s_timeout = value;
        }
    }

    /// <summary>Runs <paramref name="attempt"/> and checks it: first that it finished without an exception, then <paramref name="expectations"/>.</summary>
    /// <param name="title">The exercise's title, shown in the result.</param>
    /// <param name="attempt">The learner's code, given fresh simulated I/O to use.</param>
    /// <param name="expectations">What the attempt's behaviour must show, usually from <see cref="Expect"/>.</param>
    public static Task<CheckResult> CheckAsync(string title, Func<SimulatedIO, Task> attempt, params Expectation[] expectations) =>
        CheckAsync(title, attempt, new SimulatedIO(new TimingRecorder()), Timeout, expectations);

    /// <summary>Runs <paramref name="attempt"/>, which returns a value, and checks it (use <see cref="Expect.Result(object?)"/> for the value).</summary>
    /// <param name="title">The exercise's title, shown in the result.</param>
    /// <param name="attempt">The learner's code, given fresh simulated I/O to use.</param>
    /// <param name="expectations">What the attempt's behaviour must show, usually from <see cref="Expect"/>.</param>
    public static Task<CheckResult> CheckAsync<T>(string title, Func<SimulatedIO, Task<T>> attempt, params Expectation[] expectations) =>
        CheckAsync(title, attempt, new SimulatedIO(new TimingRecorder()), Timeout, expectations);

    /// <summary>Checks an attempt that uses <paramref name="io"/> (and its recorder's clock), timing out after <paramref name="timeout"/>.</summary>
    internal static Task<CheckResult> CheckAsync(string title, Func<SimulatedIO, Task> attempt, SimulatedIO io, TimeSpan timeout, params Expectation[] expectations)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return CheckCoreAsync(title, async simulatedIO =>
        {
            await NotNull(attempt(simulatedIO));
            return null;
        }, io, timeout, expectations);
    }

    /// <summary>Checks an attempt that returns a value, using <paramref name="io"/> and timing out after <paramref name="timeout"/>.</summary>
    internal static Task<CheckResult> CheckAsync<T>(string title, Func<SimulatedIO, Task<T>> attempt, SimulatedIO io, TimeSpan timeout, params Expectation[] expectations)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return CheckCoreAsync(title, async simulatedIO => await NotNull(attempt(simulatedIO)), io, timeout, expectations);
    }

    /// <summary>
    /// Runs each trial in turn, each with fresh <see cref="SimulatedIO"/>, and passes when every trial passes. Each trial
    /// is judged first on <see cref="Expect.NoException"/> and <see cref="Expect.DoesNotBlock"/>, then on its own
    /// expectations. The check stops at the first trial that is not met and shows its lines; when all pass, it shows one
    /// line per trial with what was measured. Before the next trial starts, the check waits (up to <see cref="Timeout"/>)
    /// until nothing the previous one started is still running.
    /// </summary>
    /// <param name="title">The exercise's title, shown in the result.</param>
    /// <param name="trials">The runs to judge: the learner's method on data the learner did not write, varied.</param>
    /// <example>
    /// <code>
    /// await Exercise.CheckAsync("Breakfast is made concurrently",
    ///     new Trial("eggs slowest", io => MakeBreakfastAsync(() => io.FetchAsync("coffee", ...), ...), Expect.AllAtOnce(), Expect.NothingRunning()),
    ///     new Trial("toast slowest", io => MakeBreakfastAsync(...), Expect.AllAtOnce(), Expect.NothingRunning()));
    /// </code>
    /// </example>
    public static Task<CheckResult> CheckAsync(string title, params Trial[] trials) => CheckAsync(title, Timeout, trials);

    /// <summary>Like <see cref="CheckAsync(string, Trial[])"/>, with each trial timing out after <paramref name="timeout"/> instead of <see cref="Timeout"/>.</summary>
    internal static async Task<CheckResult> CheckAsync(string title, TimeSpan timeout, params Trial[] trials)
    {
        Require.NotBlank(title, "An exercise title");
        Trial[] all = Require.NoNulls(trials, "The trials");
        if (all.Length == 0)
        {
            throw new ArgumentException("At least one trial is needed, but none was given.", nameof(trials));
        }

        await WarmUpAsync().ConfigureAwait(false);
        var lines = new List<ExpectationOutcome>();
        foreach (Trial trial in all)
        {
            var io = new SimulatedIO(new TimingRecorder());
            Expectation[] checks = [Expect.NoException(), .. trial.Expectations.Any(e => e.IsBlockingCheck) ? [] : new[] { Expect.DoesNotBlock() }, .. trial.Expectations.Where(e => e != Expect.NoException())];
            ExpectationOutcome[] outcomes = await RunTrialAsync(trial.Attempt, io, timeout, checks).ConfigureAwait(false);
            await LetLeftoversEndAsync(io.Recorder).ConfigureAwait(false);
            int firstUnmet = Array.FindIndex(outcomes, outcome => !outcome.Met);
            if (firstUnmet >= 0)
            {
                lines.AddRange(outcomes.Select(outcome => outcome with { Description = trial.Description + ": " + outcome.Description }));
                return new CheckResult(title, lines, checks[firstUnmet].Hint + " (measured in \"" + trial.Description + "\": " + outcomes[firstUnmet].Measured + ")");
            }

            lines.Add(new ExpectationOutcome(trial.Description, true, string.Join("; ", outcomes.Select(outcome => outcome.Measured))));
        }

        return new CheckResult(title, lines, hint: null);
    }

    /// <summary>
    /// Once per process, runs the check's own machinery on a tiny attempt (completion, failure, cancellation), so that
    /// the first trial of the first check does not pay for compiling it: what the trial measures is the learner's code.
    /// </summary>
    private static async Task WarmUpAsync()
    {
        if (Interlocked.Exchange(ref s_warm, 1) == 1)
        {
            return;
        }

        var io = new SimulatedIO(new TimingRecorder(), new SimulatedIOOptions { LatencyScale = 1 });
        TimeSpan tick = TimeSpan.FromMilliseconds(1);
        await RunTrialAsync(
            async simulatedIO =>
            {
                using var cancellation = new CancellationTokenSource();
                Task<string> canceled = simulatedIO.FetchAsync("warm-up canceled", TimeSpan.FromSeconds(1), cancellation.Token);
                Task failed = simulatedIO.FailAsync("warm-up failed", tick, "warm-up");
                await Task.WhenAny(simulatedIO.FetchAsync("warm-up", tick), failed).ConfigureAwait(true);
                await cancellation.CancelAsync().ConfigureAwait(true);
                await Task.WhenAll(canceled, failed).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(true);
                return null;
            },
            io, Timeout, [Expect.NoException(), Expect.DoesNotBlock(), Expect.NothingRunning()]).ConfigureAwait(false);
    }

    private static Task<CheckResult> CheckCoreAsync(string title, Func<SimulatedIO, Task<object?>> attempt, SimulatedIO io, TimeSpan timeout, Expectation[] expectations)
    {
        Require.NotBlank(title, "An exercise title");
        Expectation[] checks = [Expect.NoException(), .. Require.NoNulls(expectations, "The expectations").Where(e => e != Expect.NoException())];
        return RunAndJudgeAsync(title, attempt, io, timeout, checks);
    }

    private static async Task<CheckResult> RunAndJudgeAsync(string title, Func<SimulatedIO, Task<object?>> attempt, SimulatedIO io, TimeSpan timeout, Expectation[] checks)
    {
        ExpectationOutcome[] outcomes = await RunTrialAsync(attempt, io, timeout, checks).ConfigureAwait(false);
        int firstUnmet = Array.FindIndex(outcomes, outcome => !outcome.Met);
        string? hint = firstUnmet < 0 ? null : checks[firstUnmet].Hint + " (measured: " + outcomes[firstUnmet].Measured + ")";
        return new CheckResult(title, outcomes, hint);
    }

    /// <summary>
    /// Runs the attempt and judges it. Off a virtual time loop the attempt runs on an <see cref="AttemptLoop"/> of its
    /// own, and the expectations are judged at the very moment its task completes, before anything else runs on
    /// that loop: work the attempt only asked to stop, and did not wait for, is still running then, on any machine.
    /// </summary>
    private static async Task<ExpectationOutcome[]> RunTrialAsync(Func<SimulatedIO, Task<object?>> attempt, SimulatedIO io, TimeSpan timeout, Expectation[] checks)
    {
        TimeProvider time = io.Recorder.TimeProvider;
        long started = time.GetTimestamp();
        using var stopTimeout = new CancellationTokenSource();
        Task timeoutElapsed = Task.Delay(timeout, time, stopTimeout.Token);

        if (VirtualTimeLoop.IsRunning)
        {
            // On a virtual time loop the attempt must stay on the loop, where its timers fire and its time is exact.
            long begun = System.Diagnostics.Stopwatch.GetTimestamp();
            Task<object?> attemptTask = attempt(io);
            TimeSpan handBack = System.Diagnostics.Stopwatch.GetElapsedTime(begun);
            var thread = new AttemptThread(Environment.CurrentManagedThreadId, handBack, !attemptTask.IsCompleted, handBack, TimeSpan.Zero, Blocked: false);
            bool timedOut = await Task.WhenAny(attemptTask, timeoutElapsed) != attemptTask;
            stopTimeout.Cancel();
            ExerciseRun run = timedOut
                ? new ExerciseRun(io.Recorder, null, null, timedOut: true, time.GetElapsedTime(started), thread)
                : Finished(io, attemptTask, time.GetElapsedTime(started), thread);
            return Judge(run, checks);
        }

        var judged = new TaskCompletionSource<ExpectationOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        using AttemptLoop loop = AttemptLoop.Start(
            () => attempt(io),
            (task, finishedLoop) => judged.TrySetResult(Judge(Finished(io, (Task<object?>)task, time.GetElapsedTime(started), ThreadOf(finishedLoop)), checks)));
        if (await Task.WhenAny(judged.Task, timeoutElapsed).ConfigureAwait(false) != judged.Task)
        {
            judged.TrySetResult(Judge(new ExerciseRun(io.Recorder, null, null, timedOut: true, time.GetElapsedTime(started), ThreadOf(loop)), checks));
        }

        stopTimeout.Cancel();
        return await judged.Task.ConfigureAwait(false);
    }

    private static AttemptThread ThreadOf(AttemptLoop loop)
    {
        var (handBack, unfinished, longestHold, blockedInWaits, deadlocked) = loop.Report();
        return new AttemptThread(loop.ThreadId, handBack, unfinished, longestHold, blockedInWaits, deadlocked);
    }

    private static ExerciseRun Finished(SimulatedIO io, Task<object?> attemptTask, TimeSpan wallTime, AttemptThread thread)
    {
        object? result = null;
        Exception? exception = null;
        try
        {
            result = attemptTask.GetAwaiter().GetResult();
        }
        catch (Exception thrown)
        {
            exception = thrown;
        }

        return new ExerciseRun(io.Recorder, result, exception, timedOut: false, wallTime, thread);
    }

    private static ExpectationOutcome[] Judge(ExerciseRun run, Expectation[] checks) => [.. checks.Select(check => check.Evaluate(run))];

    /// <summary>Waits, up to <see cref="Timeout"/>, until nothing a trial started is still running, so that it cannot disturb the next trial or the chapter.</summary>
    private static async Task LetLeftoversEndAsync(TimingRecorder recorder)
    {
        using var limit = new CancellationTokenSource(Timeout, recorder.TimeProvider);
        try
        {
            await recorder.WhenNothingRunningAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Still running after the timeout: the trial's own verdict already says so.
        }
    }

    private static TTask NotNull<TTask>(TTask? task)
        where TTask : Task =>
        task ?? throw new InvalidOperationException("The attempt returned null instead of a task: return the task, or mark the lambda async.");
}
