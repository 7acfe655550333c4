using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.VirtualTime;

public class VirtualTimeLoopTests
{
    private static readonly VirtualTimeLoopOptions QuickDeadlock = new() { DeadlockTimeout = TimeSpan.FromMilliseconds(20) };

    /// <summary>For work that makes a round trip through the thread pool, which a busy machine may start late.</summary>
    private static readonly VirtualTimeLoopOptions PatientWithThePool = new() { DeadlockTimeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public void Run_Continuations_AllRunOnTheCallingThreadWithTheLoopAsContext()
    {
        int caller = Environment.CurrentManagedThreadId;
        SynchronizationContext? before = SynchronizationContext.Current;

        List<(int Thread, bool OnLoop)> seen = VirtualTimeLoop.Run(async time =>
        {
            var seen = new List<(int, bool)>();
            void Note() => seen.Add((Environment.CurrentManagedThreadId, SynchronizationContext.Current is VirtualTimeLoop));

            Note();
            await Task.Delay(Seconds(1), time);
            Note();
            await Task.Yield();
            Note();
            await Task.WhenAll(Task.Delay(Seconds(1), time), Task.Delay(Seconds(2), time));
            Note();
            using var gate = new SemaphoreSlim(0);
            Task waiting = gate.WaitAsync();
            gate.Release();
            await waiting;
            Note();
            return seen;
        });

        Assert.All(seen, s => Assert.Equal((caller, true), s));
        Assert.Equal(5, seen.Count);
        Assert.Same(before, SynchronizationContext.Current);
    }

    [Fact]
    public async Task RunAsync_RunsTheLoopOnAThreadOfItsOwn()
    {
        int caller = Environment.CurrentManagedThreadId;

        var (first, last, elapsed) = await VirtualTimeLoop.RunAsync(async time =>
        {
            int first = Environment.CurrentManagedThreadId;
            await Task.Delay(TimeSpan.FromMinutes(10), time);
            return (first, Environment.CurrentManagedThreadId, time.Elapsed);
        });

        Assert.Equal(first, last);
        Assert.NotEqual(caller, first);
        Assert.Equal(TimeSpan.FromMinutes(10), elapsed);
    }

    [Fact]
    public async Task RunAsync_WithoutResult_CompletesWhenMainDoes()
    {
        TimeSpan elapsed = TimeSpan.Zero;

        await VirtualTimeLoop.RunAsync(async time =>
        {
            await Task.Delay(Seconds(3), time);
            elapsed = time.Elapsed;
        });

        Assert.Equal(Seconds(3), elapsed);
    }

    [Fact]
    public async Task RunAsync_MainThrows_TheTaskFaultsWithTheSameException()
    {
        var failure = new InvalidOperationException("boom");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => VirtualTimeLoop.RunAsync(async time =>
        {
            await Task.Delay(Seconds(1), time);
            throw failure;
        }));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task RunAsync_MainCanceled_TheTaskIsCanceled()
    {
        Task run = VirtualTimeLoop.RunAsync(async time =>
        {
            using var cancellation = new CancellationTokenSource(Seconds(1), time);
            await Task.Delay(Seconds(5), time, cancellation.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(run.IsCanceled);
    }

    [Fact]
    public void Run_MainThrows_RethrowsTheSameException()
    {
        var failure = new FormatException("bad");

        Assert.Same(failure, Assert.Throws<FormatException>(() => VirtualTimeLoop.Run(async time =>
        {
            await Task.Delay(Seconds(1), time);
            throw failure;
        })));
        Assert.Same(failure, Assert.Throws<FormatException>(() => VirtualTimeLoop.Run(time => throw failure)));
    }

    [Fact]
    public void Run_MainReturnsNull_ThrowsWithAnExplanation()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => VirtualTimeLoop.Run(time => null!));

        Assert.Equal("The main function returned null instead of a task: return the task, or mark the lambda async.", exception.Message);
    }

    [Fact]
    public void Run_AsyncVoidThrows_EndsTheRunWithThatException()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => VirtualTimeLoop.Run(async time =>
        {
            FireAndForget(time);
            await Task.Delay(Seconds(5), time);
        }));

        Assert.Equal("thrown at 1 s", exception.Message);

        static async void FireAndForget(TimeProvider time)
        {
            await Task.Delay(Seconds(1), time);
            throw new InvalidOperationException("thrown at 1 s");
        }
    }

    [Fact]
    public void Run_MainFinishesWithWorkQueued_RunsThatWorkBeforeReturning()
    {
        bool finished = false;

        VirtualTimeLoop.Run(time =>
        {
            _ = Later();
            return Task.CompletedTask;
        });

        Assert.True(finished);

        async Task Later()
        {
            await Task.Yield();
            finished = true;
        }
    }

    [Fact]
    public void Run_MainFinishesWithTimersPending_ThrowsListingThem()
    {
        var exception = Assert.Throws<VirtualTimeEscapeException>(() => VirtualTimeLoop.Run(async time =>
        {
            _ = Task.Delay(Seconds(5), time);
            _ = new CancellationTokenSource(Seconds(10), time);
            await Task.Delay(Seconds(1), time);
        }));

        Assert.Equal(Seconds(1), exception.Elapsed);
        Assert.Equal([Seconds(5), Seconds(10)], exception.PendingTimers);
        Assert.Equal(
            "The main function finished at 1.000 s of virtual time, but 2 timers are still pending: Task.Delay due at 5.000 s, CancellationTokenSource due at 10.000 s. "
            + "They will never fire, because virtual time stops with the loop, so work that waits on them never finishes. "
            + "Await every task you start; dispose a CancellationTokenSource or PeriodicTimer you no longer need; cancel a Task.Delay used as a timeout, or use WaitAsync instead. "
            + "If leaving them is intended, set VirtualTimeLoopOptions.AllowPendingTimers.",
            exception.Message);
    }

    [Fact]
    public void Run_MainFinishesWithTimersPending_NamesWhatCreatedEachOne()
    {
        var exception = Assert.Throws<VirtualTimeEscapeException>(() => VirtualTimeLoop.Run(time =>
        {
            var io = new SimulatedIO(new TimingRecorder(time), new SimulatedIOOptions { LatencyScale = 1 });
            _ = io.FetchAsync("forgotten", Seconds(2));
            using var disposedAtTheEnd = new PeriodicTimer(Seconds(1), time);
            _ = time.CreateTimer(_ => { }, null, Seconds(3), Timeout.InfiniteTimeSpan);
            _ = new TaskCompletionSource().Task.WaitAsync(Seconds(4), time);
            return Task.CompletedTask;
        }));

        Assert.Contains(
            "3 timers are still pending: Task.Delay due at 2.000 s, a timer created in VirtualTimeLoopTests due at 3.000 s, WaitAsync due at 4.000 s.",
            exception.Message);
    }

    [Fact]
    public void Run_TimersDisposedCanceledOrCompleted_AreNotPending()
    {
        string result = VirtualTimeLoop.Run(async time =>
        {
            time.CreateTimer(_ => { }, null, Seconds(5), Timeout.InfiniteTimeSpan).Dispose();
            using (new CancellationTokenSource(Seconds(5), time))
            {
            }

            using var stop = new CancellationTokenSource();
            Task timeout = Task.Delay(Seconds(30), time, stop.Token);
            await Task.WhenAny(Task.Delay(Seconds(1), time), timeout);
            await stop.CancelAsync();
            await Task.Delay(Seconds(1), time).WaitAsync(Seconds(10), time);
            return "done";
        });

        Assert.Equal("done", result);
    }

    [Fact]
    public void Run_AllowPendingTimers_ReturnsAndAbandonsThem()
    {
        var options = new VirtualTimeLoopOptions { AllowPendingTimers = true };

        TimeSpan elapsed = VirtualTimeLoop.Run(async time =>
        {
            _ = Task.Delay(Seconds(5), time);
            await Task.Delay(Seconds(1), time);
            return time.Elapsed;
        }, options);

        Assert.Equal(Seconds(1), elapsed);
    }

    [Fact]
    public void Run_ContinuationFromAnotherThreadWhileTimersPending_ThrowsEscape()
    {
        var fromAnotherThread = new TaskCompletionSource();

        var exception = Assert.Throws<VirtualTimeEscapeException>(() => VirtualTimeLoop.Run(async time =>
        {
            using var ticker = new PeriodicTimer(Seconds(1), time);
            _ = Tick(ticker);
            await fromAnotherThread.Task;   // resumed by a post from the other thread
        }));

        Assert.StartsWith("Work escaped the loop: at ", exception.Message);
        Assert.Contains("a continuation arrived from thread ", exception.Message);
        Assert.Contains(" while 1 timer was pending (PeriodicTimer due at ", exception.Message);
        Assert.Contains("virtual time may already have jumped past the moment that work finished", exception.Message);
        Assert.Single(exception.PendingTimers);

        async Task Tick(PeriodicTimer ticker)
        {
            bool first = true;
            while (await ticker.WaitForNextTickAsync())
            {
                if (first)
                {
                    // The loop fires timers only when idle, so main is awaiting by now.
                    new Thread(() => fromAnotherThread.SetResult()).Start();
                    first = false;
                }
            }
        }
    }

    [Fact]
    public void Run_TaskRunWithoutPendingTimers_WaitsForItAndTakesNoVirtualTime()
    {
        int caller = Environment.CurrentManagedThreadId;

        var (result, thread, elapsed) = VirtualTimeLoop.Run(async time =>
        {
            await Task.Delay(Seconds(1), time);
            int result = await Task.Run(() => 6 * 7);
            return (result, Environment.CurrentManagedThreadId, time.Elapsed);
        }, PatientWithThePool);

        Assert.Equal(42, result);
        Assert.Equal(caller, thread);
        Assert.Equal(Seconds(1), elapsed);
    }

    [Fact]
    public void Send_FromAnotherThread_RunsOnTheLoopThread()
    {
        int caller = Environment.CurrentManagedThreadId;

        int ranOn = VirtualTimeLoop.Run(async time =>
        {
            var loop = SynchronizationContext.Current!;
            int ranOn = 0;
            await Task.Run(() => loop.Send(_ => ranOn = Environment.CurrentManagedThreadId, null));
            loop.Send(_ => Assert.Equal(caller, Environment.CurrentManagedThreadId), null);
            Assert.Same(loop, loop.CreateCopy());
            return ranOn;
        }, PatientWithThePool);

        Assert.Equal(caller, ranOn);
    }

    [Fact]
    public async Task Post_AfterTheRunEnded_RunsOnTheThreadPool()
    {
        SynchronizationContext loop = VirtualTimeLoop.Run(time => Task.FromResult(SynchronizationContext.Current!));
        var ran = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        loop.Post(_ => ran.SetResult(Thread.CurrentThread.IsThreadPoolThread), null);

        Assert.True(await ran.Task.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Run_NestedInsideAnotherRun_HasItsOwnClock()
    {
        var (inner, outer) = VirtualTimeLoop.Run(async time =>
        {
            await Task.Delay(Seconds(5), time);
            TimeSpan inner = VirtualTimeLoop.Run(async nested =>
            {
                await Task.Delay(Seconds(1), nested);
                return nested.Elapsed;
            });
            return (inner, time.Elapsed);
        });

        Assert.Equal(Seconds(1), inner);
        Assert.Equal(Seconds(5), outer);
    }

    [Fact]
    public void RunMethods_NullMain_ThrowWithParameterName()
    {
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => VirtualTimeLoop.Run((Func<VirtualTimeProvider, Task>)null!)).ParamName);
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => VirtualTimeLoop.Run<int>(null!)).ParamName);
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => { _ = VirtualTimeLoop.RunAsync((Func<VirtualTimeProvider, Task>)null!); }).ParamName);
        Assert.Equal("main", Assert.Throws<ArgumentNullException>(() => { _ = VirtualTimeLoop.RunAsync<int>(null!); }).ParamName);
    }

    [Fact]
    public void Post_NullCallback_ThrowsWithParameterName()
    {
        VirtualTimeLoop.Run(time =>
        {
            var loop = SynchronizationContext.Current!;
            Assert.Equal("d", Assert.Throws<ArgumentNullException>(() => loop.Post(null!, null)).ParamName);
            Assert.Equal("d", Assert.Throws<ArgumentNullException>(() => loop.Send(null!, null)).ParamName);
            return Task.CompletedTask;
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86401)]
    public void Options_DeadlockTimeoutOutOfRange_Throws(double seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualTimeLoopOptions { DeadlockTimeout = Seconds(seconds) });

        Assert.Equal("value", exception.ParamName);
        Assert.StartsWith($"The deadlock timeout must be greater than zero and at most one day, but was {Seconds(seconds)}.", exception.Message);
    }

    [Fact]
    public void Options_Defaults_OneSecondAndPendingTimersAreAnError()
    {
        var options = new VirtualTimeLoopOptions();

        Assert.Equal(Seconds(1), options.DeadlockTimeout);
        Assert.False(options.AllowPendingTimers);
    }

    [Fact]
    public void Run_DeadlockWithShortTimeout_UsesIt()
    {
        var exception = Assert.Throws<VirtualTimeDeadlockException>(() => VirtualTimeLoop.Run(_ => new TaskCompletionSource().Task, QuickDeadlock));

        Assert.Equal(TimeSpan.Zero, exception.Elapsed);
        Assert.StartsWith("Deadlock at 0.000 s of virtual time", exception.Message);
    }

    [Fact]
    public void Exceptions_StandardConstructors_HaveReadableMessages()
    {
        Assert.Equal("The virtual time loop is deadlocked: the main function is waiting for something that nothing will ever complete.", new VirtualTimeDeadlockException().Message);
        Assert.Equal("Work escaped the virtual time loop.", new VirtualTimeEscapeException().Message);
        Assert.Empty(new VirtualTimeEscapeException("x", new InvalidOperationException()).PendingTimers);
        Assert.Equal("x", new VirtualTimeDeadlockException("x", null).Message);
    }
}
