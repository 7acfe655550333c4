using System.Diagnostics;
using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter10ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckEventLoopAsync_ListSortedByDueAndOrder_Passes() => PassesAsync(Chapter10Checks.CheckEventLoopAsync(() => new SortingLoop()));

    [Fact]
    public Task CheckEventLoopAsync_PriorityQueueWithSequence_Passes() => PassesAsync(Chapter10Checks.CheckEventLoopAsync(() => new PriorityQueueLoop()));

    [Fact]
    public Task CheckEventLoopAsync_TheStarterFiresInInsertionOrderAtOnce_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new StarterLoop()), "Ready callbacks first, then timers by due time");

    [Fact]
    public Task CheckEventLoopAsync_SortedButNeverWaits_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new NeverWaitingLoop()), "No timer fires before its due time");

    [Fact]
    public Task CheckEventLoopAsync_EqualDueTimesInAnyOrder_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new UnstableLoop()), "equal times in the order scheduled");

    [Fact]
    public Task CheckEventLoopAsync_SortsTheTimersOnceAtTheStart_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new SortOnceLoop()), "Every callback runs exactly once");

    [Fact]
    public Task CheckEventLoopAsync_SystemTimersOnThePool_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new SystemTimerLoop()), "on the thread that called Run");

    [Fact]
    public Task CheckEventLoopAsync_SleepsInCallLater_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new SleepingCallLaterLoop()), "Ready callbacks first, then timers by due time");

    [Fact]
    public Task CheckEventLoopAsync_ReturnsWhenNothingIsReady_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new ReadyOnlyLoop()), "Every callback runs exactly once");

    [Fact]
    public Task CheckEventLoopAsync_TimersBeforeReadyCallbacks_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new TimersFirstLoop()), "Ready callbacks first");

    [Fact]
    public Task CheckEventLoopAsync_WaitsForMoreWorkForever_NotYet() => NotYetAsync(Chapter10Checks.CheckEventLoopAsync(() => new ServerLikeLoop()), "Run had not returned");

    [Fact]
    public Task CheckWaitUntilReadyAsync_TimeProviderEverywhere_Passes() => PassesAsync(Chapter10Checks.CheckWaitUntilReadyAsync(LinkedTimeoutAsync));

    [Fact]
    public Task CheckWaitUntilReadyAsync_CancelAfterWithTheProvider_Passes() => PassesAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            while (true)
            {
                if (await isReady(both.Token))
                {
                    return true;
                }

                await Task.Delay(every, time, both.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }));

    [Fact]
    public Task CheckWaitUntilReadyAsync_TheStarterOnTheSystemClock_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await isReady(deadline.Token))
            {
                await Task.Delay(every, deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }), "Runs to the end");

    [Fact]
    public Task CheckWaitUntilReadyAsync_PausesOnTheProviderButTimeoutOnTheSystemClock_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await isReady(deadline.Token))
            {
                await Task.Delay(every, time, deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }), "Runs to the end");

    [Fact]
    public Task CheckWaitUntilReadyAsync_DeadlineCheckedOnlyBetweenQuestions_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        long start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < timeout)
        {
            if (await isReady(cancellationToken))
            {
                return true;
            }

            await Task.Delay(every, time, cancellationToken);
        }

        return false;
    }), "Returns at exactly");

    [Fact]
    public Task CheckWaitUntilReadyAsync_WaitAsyncWithoutCancelingTheQuestion_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        async Task<bool> PollAsync()
        {
            while (!await isReady(cancellationToken))
            {
                await Task.Delay(every, time, cancellationToken);
            }

            return true;
        }

        try
        {
            return await PollAsync().WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;   // the polling goes on
        }
    }), "leaves nothing running");

    [Fact]
    public Task CheckWaitUntilReadyAsync_BlocksOnThePause_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        while (!await isReady(deadline.Token))
        {
            Task.Delay(every, time, deadline.Token).Wait(CancellationToken.None);
        }

        return true;
    }), "Never blocks the loop's thread");

    [Fact]
    public Task CheckWaitUntilReadyAsync_TimeoutHardCoded_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync((isReady, every, timeout, time, cancellationToken) =>
        LinkedTimeoutAsync(isReady, every, LatencyScale.Apply(TimeSpan.FromMinutes(15), LatencyScale.Current), time, cancellationToken)), "Returns at exactly");

    [Fact]
    public Task CheckWaitUntilReadyAsync_CallersTokenIgnored_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync((isReady, every, timeout, time, cancellationToken) =>
        LinkedTimeoutAsync(isReady, every, timeout, time, CancellationToken.None)), "Returns \"canceled\"");

    [Fact]
    public Task CheckWaitUntilReadyAsync_CallersCancellationTurnedIntoFalse_NotYet() => NotYetAsync(Chapter10Checks.CheckWaitUntilReadyAsync(async (isReady, every, timeout, time, cancellationToken) =>
    {
        try
        {
            return await LinkedTimeoutAsync(isReady, every, timeout, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }), "Returns \"canceled\"");

    private static async Task<bool> LinkedTimeoutAsync(Func<CancellationToken, Task<bool>> isReady, TimeSpan every, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            while (!await isReady(both.Token))
            {
                await Task.Delay(every, time, both.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A correct loop: a ready queue, and a list of timers from which the earliest (first scheduled among equals) is taken.</summary>
    private class SortingLoop : ITinyEventLoop
    {
        protected readonly Queue<Action> Ready = new();
        protected readonly List<(TimeSpan Due, long Order, Action Callback)> Timers = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _order;

        protected TimeSpan Now => _clock.Elapsed;

        public void CallSoon(Action callback) => Ready.Enqueue(callback);

        public virtual void CallLater(TimeSpan delay, Action callback) => Timers.Add((Now + delay, _order++, callback));

        public virtual void Run()
        {
            while (Ready.Count > 0 || Timers.Count > 0)
            {
                if (Ready.Count == 0)
                {
                    var next = Next();
                    if (next.Due > Now)
                    {
                        Thread.Sleep(next.Due - Now);
                    }

                    Timers.Remove(next);
                    Ready.Enqueue(next.Callback);
                }

                Ready.Dequeue()();
            }
        }

        protected virtual (TimeSpan Due, long Order, Action Callback) Next() => Timers.OrderBy(t => t.Due).ThenBy(t => t.Order).First();
    }

    private sealed class PriorityQueueLoop : ITinyEventLoop
    {
        private readonly Queue<Action> _ready = new();
        private readonly PriorityQueue<Action, (TimeSpan, long)> _timers = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _order;

        public void CallSoon(Action callback) => _ready.Enqueue(callback);

        public void CallLater(TimeSpan delay, Action callback) => _timers.Enqueue(callback, (_clock.Elapsed + delay, _order++));

        public void Run()
        {
            while (_ready.Count > 0 || _timers.Count > 0)
            {
                while (_ready.TryDequeue(out Action? callback))
                {
                    callback();
                }

                if (_timers.TryPeek(out _, out var due))
                {
                    TimeSpan wait = due.Item1 - _clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        Thread.Sleep(wait);
                    }

                    _ready.Enqueue(_timers.Dequeue());
                }
            }
        }
    }

    /// <summary>The chapter's starter: every timer at once, in the order added.</summary>
    private sealed class StarterLoop : SortingLoop
    {
        public override void Run()
        {
            while (Ready.Count > 0 || Timers.Count > 0)
            {
                while (Ready.Count > 0)
                {
                    Ready.Dequeue()();
                }

                foreach (var timer in Timers.ToList())
                {
                    Timers.Remove(timer);
                    timer.Callback();
                }
            }
        }
    }

    private sealed class NeverWaitingLoop : SortingLoop
    {
        public override void Run()
        {
            while (Ready.Count > 0 || Timers.Count > 0)
            {
                if (Ready.Count == 0)
                {
                    var next = Next();
                    Timers.Remove(next);
                    Ready.Enqueue(next.Callback);
                }

                Ready.Dequeue()();
            }
        }
    }

    /// <summary>
    /// Reads a coarse clock once per callback, rounded up by 0.2 s so that no timer fires early: timers scheduled together
    /// are due together, and the last scheduled of those is taken first.
    /// </summary>
    private sealed class UnstableLoop : SortingLoop
    {
        private static readonly TimeSpan s_roundedUp = TimeSpan.FromSeconds(0.2);
        private TimeSpan? _batch;

        public override void CallLater(TimeSpan delay, Action callback)
        {
            _batch ??= Now + s_roundedUp;
            Timers.Add((_batch.Value + delay, -Timers.Count, callback));
        }

        public override void Run()
        {
            while (Ready.Count > 0 || Timers.Count > 0)
            {
                if (Ready.Count == 0)
                {
                    var next = Next();
                    if (next.Due > Now)
                    {
                        Thread.Sleep(next.Due - Now);
                    }

                    Timers.Remove(next);
                    Ready.Enqueue(next.Callback);
                }

                _batch = null;
                Ready.Dequeue()();
            }
        }
    }

    private sealed class SortOnceLoop : SortingLoop
    {
        public override void Run()
        {
            while (Ready.Count > 0)
            {
                Ready.Dequeue()();
            }

            foreach (var timer in Timers.OrderBy(t => t.Due).ToList())
            {
                if (timer.Due > Now)
                {
                    Thread.Sleep(timer.Due - Now);
                }

                timer.Callback();
                while (Ready.Count > 0)
                {
                    Ready.Dequeue()();
                }
            }
        }
    }

    private sealed class SystemTimerLoop : ITinyEventLoop
    {
        private readonly Queue<Action> _ready = new();
        private readonly List<Timer> _timers = [];
        private int _pending;

        public void CallSoon(Action callback)
        {
            lock (_ready)
            {
                _ready.Enqueue(callback);
            }
        }

        public void CallLater(TimeSpan delay, Action callback)
        {
            Interlocked.Increment(ref _pending);
            lock (_timers)
            {
                _timers.Add(new Timer(_ => { callback(); Interlocked.Decrement(ref _pending); }, null, delay, Timeout.InfiniteTimeSpan));
            }
        }

        public void Run()
        {
            var idle = new SpinWait();
            while (true)
            {
                Action? next = null;
                lock (_ready)
                {
                    _ready.TryDequeue(out next);
                }

                if (next is not null)
                {
                    next();
                }
                else if (Volatile.Read(ref _pending) == 0)
                {
                    break;
                }
                else
                {
                    idle.SpinOnce();
                }
            }

            lock (_timers)
            {
                _timers.ForEach(timer => timer.Dispose());
            }
        }
    }

    private sealed class SleepingCallLaterLoop : SortingLoop
    {
        public override void CallLater(TimeSpan delay, Action callback)
        {
            Thread.Sleep(delay);
            Ready.Enqueue(callback);
        }
    }

    private sealed class ReadyOnlyLoop : SortingLoop
    {
        public override void Run()
        {
            while (Ready.Count > 0)
            {
                Ready.Dequeue()();
            }
        }
    }

    /// <summary>Runs everything correctly, then waits for more work like a server's loop, and never returns.</summary>
    private sealed class ServerLikeLoop : SortingLoop
    {
        private static readonly ManualResetEventSlim s_neverSet = new();

        public override void Run()
        {
            base.Run();
            s_neverSet.Wait();
        }
    }

    private sealed class TimersFirstLoop : SortingLoop
    {
        public override void Run()
        {
            while (Ready.Count > 0 || Timers.Count > 0)
            {
                if (Timers.Count > 0)
                {
                    var next = Next();
                    if (next.Due > Now)
                    {
                        Thread.Sleep(next.Due - Now);
                    }

                    Timers.Remove(next);
                    next.Callback();
                }
                else
                {
                    Ready.Dequeue()();
                }
            }
        }
    }
}
