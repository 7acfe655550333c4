using System.Diagnostics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 10, Under the hood: a tiny event loop whose timers fire in order, and a method made
/// testable with a <see cref="TimeProvider"/>, whose timeout the check proves in virtual time.
/// </summary>
public static class Chapter10Checks
{
    /// <summary>The shortest gap between two timers' due times in the loop's scripts, in seconds before scaling: wide enough that a busy machine keeps their order.</summary>
    private const double Gap = 0.1;

    private static readonly TimeSpan s_realTimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Checks a tiny event loop with three scripts of callbacks the check writes itself: timers scheduled out of order,
    /// callbacks that schedule more callbacks and timers (two of them due at the same moment), and timers with names and
    /// delays drawn at random. Each script runs on a fresh loop, on a thread of the check's own, and must show every
    /// callback run once, ready callbacks before timers, timers by due time (equal times in the order they were
    /// scheduled), no timer before its time, every callback on the thread that called <c>Run</c>, and <c>Run</c> returning
    /// once nothing is left.
    /// </summary>
    /// <param name="createLoop">Makes a new loop of yours, such as <c>() =&gt; new TinyLoop()</c>.</param>
    public static async Task<CheckResult> CheckEventLoopAsync(Func<ITinyEventLoop> createLoop)
    {
        ArgumentNullException.ThrowIfNull(createLoop);
        const string title = "The tiny event loop fires its timers in order";
        var lines = new List<ExpectationOutcome>();
        foreach (LoopScript script in LoopScript.All())
        {
            LoopRun run = await LoopRun.StartAsync(createLoop, script).ConfigureAwait(false);
            (ExpectationOutcome Outcome, string Hint)[] verdicts = run.Judge();
            int firstUnmet = Array.FindIndex(verdicts, v => !v.Outcome.Met);
            if (firstUnmet >= 0)
            {
                lines.AddRange(verdicts.Select(v => v.Outcome with { Description = script.Description + ": " + v.Outcome.Description }));
                return new CheckResult(title, lines, verdicts[firstUnmet].Hint + " (measured in \"" + script.Description + "\": " + verdicts[firstUnmet].Outcome.Measured + ")");
            }

            lines.Add(new ExpectationOutcome(script.Description, true, string.Join("; ", verdicts.Select(v => v.Outcome.Measured))));
        }

        return new CheckResult(title, lines, hint: null);
    }

    /// <summary>
    /// Checks <c>WaitUntilReadyAsync(isReady, every, timeout, time, cancellationToken)</c> in virtual time, five times
    /// with pauses and timeouts of minutes to hours that you did not write: ready at the first or the third question;
    /// never ready, with the timeout falling during a question (which must be canceled) or during a pause; and canceled
    /// by the caller during a pause. Each run must return true when ready, false at the timeout, or let the caller's
    /// cancellation through, at exactly the right virtual time, with nothing left running. It takes milliseconds of
    /// real time, and only if every wait goes through <c>time</c>.
    /// </summary>
    /// <param name="waitUntilReadyAsync">Your method.</param>
    public static async Task<CheckResult> CheckWaitUntilReadyAsync(Func<Func<CancellationToken, Task<bool>>, TimeSpan, TimeSpan, TimeProvider, CancellationToken, Task<bool>> waitUntilReadyAsync)
    {
        ArgumentNullException.ThrowIfNull(waitUntilReadyAsync);
        const string title = "The timeout is proven in virtual time";
        var lines = new List<ExpectationOutcome>();
        foreach (VirtualTrial trial in (VirtualTrial[])[
            Ready(question: 1, every: 10, timeout: 120, readyAt: 3),
            Ready(question: 3, every: 7, timeout: 60, readyAt: 1),
            NeverReady(question: 2, every: 5, timeout: 15),
            NeverReady(question: 1, every: 20, timeout: 30),
            CanceledByCaller(question: 1, every: 10, timeout: 120, cancelAt: 6)])
        {
            CheckResult result = await InVirtualTimeAsync(title, trial).ConfigureAwait(false);
            if (!result.Passed)
            {
                lines.AddRange(result.Expectations.Select(e => e with { Description = trial.Description + ": " + e.Description }));
                return new CheckResult(title, lines, result.Hint?.Replace("(measured: ", "(measured in \"" + trial.Description + "\": ", StringComparison.Ordinal));
            }

            lines.Add(new ExpectationOutcome(trial.Description, true, string.Join("; ", result.Expectations.Select(e => e.Measured))));
        }

        return new CheckResult(title, lines, hint: null);

        VirtualTrial Ready(double question, double every, double timeout, int readyAt)
        {
            double end = (readyAt * question) + ((readyAt - 1) * every);
            return Run("ready at question " + readyAt + ", questions of " + MinutesText(Minutes(question)) + ", every " + MinutesText(Minutes(every)) + ", a timeout of " + MinutesText(Minutes(timeout)),
                question, every, timeout, readyAt, cancelAt: null, end, true,
                [Expect.Operations(readyAt), CheckData.CompletedOnly([.. Enumerable.Range(1, readyAt).Select(Name)])]);
        }

        VirtualTrial NeverReady(double question, double every, double timeout)
        {
            int asked = 0;
            bool inQuestion = false;
            for (double start = 0; start < timeout; start += question + every)
            {
                asked++;
                inQuestion = start + question > timeout;
            }

            Expectation[] outcome = inQuestion
                ? [Expect.Operations(asked), Expect.Canceled(Name(asked))]
                : [Expect.Operations(asked), CheckData.CompletedOnly([.. Enumerable.Range(1, asked).Select(Name)])];
            return Run("never ready, questions of " + MinutesText(Minutes(question)) + ", every " + MinutesText(Minutes(every)) + ", a timeout of " + MinutesText(Minutes(timeout)) + (inQuestion ? " (during a question)" : " (during a pause)"),
                question, every, timeout, readyAt: int.MaxValue, cancelAt: null, timeout, false, outcome);
        }

        VirtualTrial CanceledByCaller(double question, double every, double timeout, double cancelAt) =>
            Run("the caller cancels at " + MinutesText(Minutes(cancelAt)) + ", during a pause; questions of " + MinutesText(Minutes(question)) + ", every " + MinutesText(Minutes(every)) + ", a timeout of " + MinutesText(Minutes(timeout)),
                question, every, timeout, readyAt: int.MaxValue, cancelAt, cancelAt, Attempt.Canceled, [Expect.Operations(1)]);

        VirtualTrial Run(string description, double question, double every, double timeout, int readyAt, double? cancelAt, double end, object expected, Expectation[] expectations) =>
            new(description, io => AskAsync(io, waitUntilReadyAsync, question, Minutes(every), Minutes(timeout), readyAt, cancelAt is { } at ? Minutes(at) : null),
                [.. expectations, Expect.NothingRunning(), Expect.Result(expected), ReturnsAt(Minutes(end))]);
    }

    /// <summary>
    /// Runs one trial on a virtual time loop of its own, with a limit of real time: a method that blocks the loop's only
    /// thread would otherwise hang the check. What the loop detects (work left running, a wait on another clock, a
    /// deadlock) becomes "not yet".
    /// </summary>
    private static async Task<CheckResult> InVirtualTimeAsync(string title, VirtualTrial trial)
    {
        Task<CheckResult> check = VirtualTimeLoop.RunAsync(time =>
            Exercise.CheckAsync(title, trial.Attempt, new SimulatedIO(new TimingRecorder(time)), TimeSpan.FromDays(1), trial.Expectations));
        try
        {
            return await check.WaitAsync(s_realTimeLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Unmet(title, "Never blocks the loop's thread", "still running after " + TextFormat.Seconds(s_realTimeLimit) + " of real time",
                "Your method blocked the only thread of the virtual-time loop (.Wait(), .Result or Thread.Sleep), so no timer could fire: await every wait instead. Restart the kernel to free that thread.");
        }
        catch (VirtualTimeEscapeException escape)
        {
            return Unmet(title, "Waits only through the TimeProvider it is given, and leaves nothing running", escape.Message,
                "Work of your method went on after it returned, or resumed from another clock: pass `time` to every Task.Delay, CancellationTokenSource and WaitAsync, and cancel and await what you started.");
        }
        catch (VirtualTimeDeadlockException deadlock)
        {
            return Unmet(title, "Never waits for something that cannot happen", deadlock.Message,
                "Your method waited for something no timer or question could complete: await the questions and the pauses you start.");
        }
    }

    /// <summary>One run of the learner's method in virtual time: what is special about its data, the call, and what it must show.</summary>
    private sealed record VirtualTrial(string Description, Func<SimulatedIO, Task<object?>> Attempt, Expectation[] Expectations);

    private static async Task<object?> AskAsync(SimulatedIO io, Func<Func<CancellationToken, Task<bool>>, TimeSpan, TimeSpan, TimeProvider, CancellationToken, Task<bool>> method,
        double questionMinutes, TimeSpan every, TimeSpan timeout, int readyAt, TimeSpan? cancelAt)
    {
        TimeProvider time = io.Recorder.TimeProvider;
        int asked = 0;
        Func<CancellationToken, Task<bool>> isReady = token =>
        {
            asked++;
            return io.FetchAsync(Name(asked), TimeSpan.FromMinutes(questionMinutes), asked >= readyAt, token);   // scaled by io, as Minutes() scales
        };
        using var caller = cancelAt is TimeSpan at ? new CancellationTokenSource(at, time) : new CancellationTokenSource();
        TimeSpan limit = (timeout * 2) + every + Minutes(questionMinutes);
        Task<bool> call = method(isReady, every, timeout, time, caller.Token)
            ?? throw new InvalidOperationException("The method returned null instead of a task: return the task, or mark the method async.");
        try
        {
            return await call.WaitAsync(limit, time);
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested && call.IsCanceled)
        {
            return Attempt.Canceled;
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            caller.Cancel();   // on the loop's thread, so that what it cancels resumes there too
            throw new TimeoutException("Still waiting after " + MinutesText(limit) + " of virtual time, long past the timeout of " + MinutesText(timeout)
                + ": do the pauses and the timeout wait on the TimeProvider `time`?");
        }
    }

    /// <summary>The attempt returned at exactly <paramref name="expected"/> of virtual time.</summary>
    private static Expectation ReturnsAt(TimeSpan expected) => new(
        "Returns at exactly " + MinutesText(expected) + " of virtual time",
        run => ((run.WallTime - expected).Duration() <= TimeSpan.FromMilliseconds(1), "returned at " + MinutesText(run.WallTime)),
        "Your method returned at another time than the questions, pauses and timeout it was given allow: pause exactly `every` after each answer, "
        + "and give up at exactly `timeout`, also in the middle of a question or a pause (a CancellationTokenSource made with `time`).");

    private static TimeSpan Minutes(double minutes) => CheckData.Scaled(minutes * 60);

    private static string MinutesText(TimeSpan value) => value.TotalMinutes.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " min";

    private static string Name(int question) => "question " + question;

    private static CheckResult Unmet(string title, string description, string measured, string hint) =>
        new(title, [new ExpectationOutcome(description, false, measured)], hint);

    /// <summary>A script of callbacks for the tiny loop: what to schedule first, and what each callback schedules when it runs.</summary>
    private sealed record LoopScript(string Description, LoopStep[] Steps)
    {
        private static readonly double[] s_randomDelays = [0.1, 0.2, 0.4, 0.5, 0.6];

        public static IEnumerable<LoopScript> All()
        {
            yield return new LoopScript("timers scheduled out of order", [Later(0.3, "C"), Later(0.1, "A"), Soon("first"), Later(0.2, "B")]);
            yield return new LoopScript("callbacks that schedule more, two timers due together",
                [Later(0.1, "X", Soon("X's follow-up"), Later(0.25, "Z")), Later(0.2, "W1"), Later(0.2, "W2"), Soon("S", Soon("S's follow-up"))]);
            int tag = CheckData.Tag();
            double[] delays = [.. s_randomDelays.OrderBy(_ => Random.Shared.Next())];
            LoopStep[] timers = [.. delays.Select((delay, index) => delay == 0.1
                ? Later(delay, Invariant($"timer {tag}-{index}"), Later(0.2, Invariant($"timer {tag}-{index}'s child")))
                : Later(delay, Invariant($"timer {tag}-{index}")))];
            yield return new LoopScript("five timers drawn at random", [.. timers, Soon(Invariant($"ready {tag}"))]);
        }

        private static LoopStep Soon(string name, params LoopStep[] then) => new(name, null, then);

        private static LoopStep Later(double seconds, string name, params LoopStep[] then) => new(name, seconds, then);
    }

    /// <summary>One callback: <see cref="Delay"/> null for <c>CallSoon</c>, seconds before scaling for <c>CallLater</c>; <see cref="Then"/> is scheduled when it runs.</summary>
    private sealed record LoopStep(string Name, double? Delay, LoopStep[] Then);

    /// <summary>One script run on a learner's loop, on a thread of its own, with what happened, and the order a correct loop gives.</summary>
    private sealed class LoopRun
    {
        private readonly object _gate = new();
        private readonly List<(string Name, TimeSpan At, int Thread)> _ran = [];
        private readonly Dictionary<string, TimeSpan> _due = [];
        private readonly LoopScript _script;
        private long _started;
        private int _loopThread;
        private ITinyEventLoop? _loop;
        private Exception? _exception;
        private bool _returned;
        private TimeSpan _returnedAt;

        private LoopRun(LoopScript script) => _script = script;

        public static async Task<LoopRun> StartAsync(Func<ITinyEventLoop> createLoop, LoopScript script)
        {
            var run = new LoopRun(script);
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                run.RunOnThisThread(createLoop);
                finished.SetResult();
            })
            { IsBackground = true, Name = "Tiny event loop (check)" };
            thread.Start();
            try
            {
                await finished.Task.WaitAsync(CheckData.Scaled(2) + TimeSpan.FromSeconds(3)).ConfigureAwait(false);
                thread.Join();
            }
            catch (TimeoutException)
            {
                // Run never returned: the verdict says so, and the thread is left to the learner's loop.
            }

            return run;
        }

        private TimeSpan Now => Stopwatch.GetElapsedTime(_started);

        private void RunOnThisThread(Func<ITinyEventLoop> createLoop)
        {
            try
            {
                _loopThread = Environment.CurrentManagedThreadId;
                _loop = createLoop() ?? throw new InvalidOperationException("The function that makes the loop returned null.");
                _started = Stopwatch.GetTimestamp();
                Schedule(_script.Steps);
                _loop.Run();
                lock (_gate)
                {
                    _returnedAt = Now;
                    _returned = true;
                }
            }
            catch (Exception exception)
            {
                lock (_gate)
                {
                    _exception = exception;
                }
            }
        }

        private void Schedule(LoopStep[] steps)
        {
            foreach (LoopStep step in steps)
            {
                if (step.Delay is double seconds)
                {
                    TimeSpan delay = CheckData.Scaled(seconds);
                    lock (_gate)
                    {
                        _due[step.Name] = Now + delay;
                    }

                    _loop!.CallLater(delay, () => Ran(step));
                }
                else
                {
                    _loop!.CallSoon(() => Ran(step));
                }
            }
        }

        private void Ran(LoopStep step)
        {
            lock (_gate)
            {
                _ran.Add((step.Name, Now, Environment.CurrentManagedThreadId));
            }

            Schedule(step.Then);
        }

        public (ExpectationOutcome, string)[] Judge()
        {
            lock (_gate)
            {
                string[] expected = ExpectedOrder(_script.Steps);
                string[] ran = [.. _ran.Select(r => r.Name)];
                string[] missing = [.. expected.Where(name => !ran.Contains(name))];
                string[] twice = [.. ran.GroupBy(name => name).Where(g => g.Count() > 1).Select(g => g.Key)];
                var early = _ran.Where(r => _due.TryGetValue(r.Name, out TimeSpan due) && r.At < due - TimeSpan.FromMilliseconds(2))
                    .Select(r => r.Name + " at " + TextFormat.Seconds(r.At) + ", due " + TextFormat.Seconds(_due[r.Name])).ToArray();
                int elsewhere = _ran.Count(r => r.Thread != _loopThread);
                return
                [
                    (new ExpectationOutcome("Run returns once every callback has run, without an exception",
                        _returned && _exception is null,
                        _exception is not null ? _exception.GetType().Name + ": " + _exception.Message : _returned ? "returned after " + TextFormat.Seconds(_returnedAt) : "Run had not returned after " + TextFormat.Seconds(Now)),
                        "Run must keep going while a callback is queued or a timer is pending, and return when neither is left. If it never returned, "
                        + "look for a loop that never removes what it ran (and restart the kernel: that thread is still spinning)."),
                    (new ExpectationOutcome("Every callback runs exactly once", missing.Length == 0 && twice.Length == 0,
                        Invariant($"{ran.Length} of {expected.Length} ran") + (missing.Length > 0 ? "; never: " + string.Join(", ", missing) : "") + (twice.Length > 0 ? "; more than once: " + string.Join(", ", twice) : "")),
                        "Some callbacks never ran or ran twice: take each callback out of the ready queue or the timers as you run it, and keep looping "
                        + "while callbacks scheduled by other callbacks are waiting."),
                    (new ExpectationOutcome("Ready callbacks first, then timers by due time (equal times in the order scheduled)", ran.SequenceEqual(expected),
                        "ran " + string.Join(", ", ran) + (ran.SequenceEqual(expected) ? "" : "; expected " + string.Join(", ", expected))),
                        "The callbacks ran in another order: run every ready callback first, then the timer with the EARLIEST due time "
                        + "(due = the time of CallLater + delay), keeping timers due at the same time in the order they were scheduled."),
                    (new ExpectationOutcome("No timer fires before its due time", early.Length == 0,
                        early.Length == 0 ? "none early" : Invariant($"{early.Length} early: ") + string.Join("; ", early.Take(3))),
                        "A timer ran before its delay had passed: when no callback is ready, wait until the earliest timer is due (Thread.Sleep(due - now)), then run it."),
                    (new ExpectationOutcome("Every callback runs on the thread that called Run", elsewhere == 0,
                        Invariant($"{elsewhere} of {_ran.Count} on another thread")),
                        "Callbacks ran on other threads (a System.Threading.Timer or Task.Delay runs them on the thread pool): keep the timers in a list of your own, "
                        + "and let Run call every callback itself."),
                ];
            }
        }

        /// <summary>What a correct loop runs, by a model with a clock that jumps: ready callbacks in order, then the earliest timer.</summary>
        private static string[] ExpectedOrder(LoopStep[] first)
        {
            var ready = new Queue<LoopStep>();
            var timers = new List<(double Due, int Order, LoopStep Step)>();
            double now = 0;
            int order = 0;
            var ran = new List<string>();
            void Add(LoopStep[] steps)
            {
                foreach (LoopStep step in steps)
                {
                    if (step.Delay is double delay)
                    {
                        timers.Add((now + delay, order++, step));
                    }
                    else
                    {
                        ready.Enqueue(step);
                    }
                }
            }

            Add(first);
            while (ready.Count > 0 || timers.Count > 0)
            {
                if (ready.Count == 0)
                {
                    var next = timers.OrderBy(t => t.Due).ThenBy(t => t.Order).First();
                    timers.Remove(next);
                    now = next.Due;
                    ready.Enqueue(next.Step);
                }

                LoopStep step = ready.Dequeue();
                ran.Add(step.Name);
                Add(step.Then);
            }

            return [.. ran];
        }
    }
}
