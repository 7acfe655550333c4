using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// An event loop with virtual time: it runs an async function on ONE thread, one continuation at a
/// time, and whenever nothing is ready to run it moves the clock straight to the earliest timer and
/// fires it. Minutes of simulated waiting take milliseconds, and every recorded time is exact and the
/// same on every run.
/// </summary>
/// <remarks>
/// <para>
/// Coming from asyncio: <c>VirtualTimeLoop.Run(main)</c> is <c>asyncio.run(main())</c> on a loop whose
/// clock autojumps (Trio's <c>MockClock(autojump_threshold=0)</c>, Kotlin's <c>runTest</c>, Go's
/// <c>testing/synctest</c>). The loop is the <see cref="SynchronizationContext"/> of its thread, so every
/// <c>await</c> inside comes back to that thread, just as every coroutine resumes on the loop's thread.
/// </para>
/// <para>
/// Inside the loop, AsyncLab works unchanged: a <see cref="TimingRecorder"/> created there without a
/// time provider uses the virtual clock, <see cref="SimulatedIO"/> waits on it, and
/// <see cref="Exercise.CheckAsync(string, Func{SimulatedIO, Task}, Expectation[])"/> runs the attempt on
/// the loop and times it out in virtual time.
/// </para>
/// <para>
/// What the loop detects. A deadlock (the main function waits, nothing can run, no timer is pending):
/// <see cref="VirtualTimeDeadlockException"/>, after <see cref="VirtualTimeLoopOptions.DeadlockTimeout"/> of
/// real time in which work on other threads may still post back. Timers still pending when the main
/// function finishes, and a continuation arriving from another thread while timers are pending:
/// <see cref="VirtualTimeEscapeException"/>. An exception thrown by work on the loop (an <c>async void</c>
/// method, a timer callback) ends the run, and <c>Run</c> rethrows it.
/// </para>
/// <para>
/// What it cannot detect. The clock jumps as soon as the loop is idle: the loop cannot know that a
/// thread-pool thread is still working for it. Work that leaves the loop (<c>Task.Run</c>, code after
/// <c>ConfigureAwait(false)</c>, waits on <see cref="TimeProvider.System"/>) takes no virtual time, and if
/// timers are pending meanwhile the clock may jump past them; the loop notices only when that work
/// posts back while timers are still pending. <c>ConfigureAwait(false)</c> after a wait on the virtual
/// clock (<c>Task.Delay</c>, <c>WaitAsync</c>, <c>PeriodicTimer</c>) is exact: timer callbacks run on the loop's
/// thread without a context, as system timers run on the thread pool, so the code after it runs inline
/// there. After other waits (a <c>SemaphoreSlim</c> or <c>TaskCompletionSource</c> completed by code on the
/// loop) it moves to the thread pool, unnoticed.
/// </para>
/// <para>
/// Two BCL helpers leave the loop internally, because they resume through the thread pool:
/// <c>Task.WhenEach</c> and <c>ChannelReader.ReadAllAsync</c> deliver their items late, after the clock has
/// jumped ahead. On the loop, use a <c>Task.WhenAny</c> loop instead of <c>Task.WhenEach</c>, and
/// <c>WaitToReadAsync</c> with <c>TryRead</c> (or <c>ReadAsync</c>) instead of <c>ReadAllAsync</c>.
/// <c>Task.Delay</c>, <c>Task.WhenAll</c>, <c>Task.WhenAny</c>, <c>WaitAsync</c>, <c>CancellationTokenSource</c>,
/// <c>PeriodicTimer</c>, <c>SemaphoreSlim</c>, a channel's <c>WriteAsync</c>, <c>ReadAsync</c> and <c>WaitToReadAsync</c>,
/// and your own async iterators are exact.
/// </para>
/// <para>
/// Blocking calls (<c>Thread.Sleep</c>, <see cref="SimulatedIO.Block(string, TimeSpan)"/>) block the loop's
/// only thread: nothing else runs meanwhile and virtual time does not move, so they take zero virtual
/// time. <c>.Result</c> or <c>.Wait()</c> on a task that needs the loop hangs for real. Busy-waiting never
/// lets virtual time advance. A periodic timer that keeps firing while the main function waits for
/// something that never happens keeps the loop running: limit such demos with <c>WaitAsync(limit, time)</c>.
/// </para>
/// <para>
/// After <c>Run</c> returns, the loop is closed: virtual time stops, and work still posted to it runs on
/// the thread pool instead.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// TimingRecorder recorder = VirtualTimeLoop.Run(async time =>
/// {
///     var recorder = new TimingRecorder(time);
///     var io = new SimulatedIO(recorder);
///     await Task.WhenAll(
///         io.FetchAsync("A", TimeSpan.FromSeconds(1)),
///         io.FetchAsync("B", TimeSpan.FromSeconds(2)),
///         io.FetchAsync("C", TimeSpan.FromSeconds(3)));
///     return recorder;   // A 0–1 s, B 0–2 s, C 0–3 s, exactly, in a few milliseconds of real time
/// });
/// </code>
/// In a notebook cell, <c>await VirtualTimeLoop.RunAsync(...)</c> does the same on a thread of its own.
/// </example>
public sealed class VirtualTimeLoop : SynchronizationContext
{
    /// <summary>At most this many pending timers are listed in a message.</summary>
    private const int ListedTimers = 10;

    /// <summary>The loop running on this thread, also while a timer callback runs there without a context.</summary>
    [ThreadStatic]
    private static VirtualTimeLoop? t_running;

    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly TimeSpan _deadlockTimeout;
    private readonly bool _allowPendingTimers;
    private int _threadId;
    private bool _waiting;
    private bool _closed;
    private VirtualTimeEscapeException? _escape;

    private VirtualTimeLoop(VirtualTimeLoopOptions? options)
    {
        options ??= new VirtualTimeLoopOptions();
        _deadlockTimeout = options.DeadlockTimeout;
        _allowPendingTimers = options.AllowPendingTimers;
        Time = new VirtualTimeProvider(this);
    }

    /// <summary>
    /// The clock AsyncLab uses when none is given: the virtual clock of the loop running on this thread,
    /// or <see cref="TimeProvider.System"/> elsewhere.
    /// </summary>
    internal static TimeProvider AmbientTime => t_running?.Time ?? TimeProvider.System;

    /// <summary>True when the calling code runs on a virtual time loop's thread.</summary>
    internal static bool IsRunning => t_running is not null;

    /// <summary>This loop's clock.</summary>
    internal VirtualTimeProvider Time { get; }

    /// <summary>Guards the queue, the clock's timers and the loop's state; the loop waits on it for work.</summary>
    internal object Gate => _queue;

    /// <summary>
    /// Runs <paramref name="main"/> on a virtual time loop on the CALLING thread and returns its result
    /// once it has finished. The virtual time provider it receives starts at <see cref="VirtualTimeProvider.Epoch"/>.
    /// </summary>
    /// <param name="main">The async function to run; pass its <see cref="VirtualTimeProvider"/> to everything that waits.</param>
    /// <param name="options">Deadlock timeout and pending-timer policy; defaults when null.</param>
    /// <returns>What <paramref name="main"/> returned. Its exception, if it threw, is rethrown unchanged.</returns>
    /// <exception cref="VirtualTimeDeadlockException">The main function waits for something that nothing will ever complete.</exception>
    /// <exception cref="VirtualTimeEscapeException">Work escaped the loop (see the remarks on <see cref="VirtualTimeLoop"/>).</exception>
    /// <example>
    /// <code>
    /// int answer = VirtualTimeLoop.Run(async time =>
    /// {
    ///     await Task.Delay(TimeSpan.FromHours(1), time);   // an hour of virtual time, instantly
    ///     return 42;
    /// });
    /// </code>
    /// </example>
    public static T Run<T>(Func<VirtualTimeProvider, Task<T>> main, VirtualTimeLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        var finished = (Task<T>)new VirtualTimeLoop(options).RunToEnd(main);
        return finished.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="main"/> on a virtual time loop on the CALLING thread until it has finished.</summary>
    /// <param name="main">The async function to run; pass its <see cref="VirtualTimeProvider"/> to everything that waits.</param>
    /// <param name="options">Deadlock timeout and pending-timer policy; defaults when null.</param>
    /// <exception cref="VirtualTimeDeadlockException">The main function waits for something that nothing will ever complete.</exception>
    /// <exception cref="VirtualTimeEscapeException">Work escaped the loop (see the remarks on <see cref="VirtualTimeLoop"/>).</exception>
    public static void Run(Func<VirtualTimeProvider, Task> main, VirtualTimeLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        new VirtualTimeLoop(options).RunToEnd(main).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Like <see cref="Run{T}(Func{VirtualTimeProvider, Task{T}}, VirtualTimeLoopOptions?)"/>, but the loop
    /// runs on a new thread of its own, so the caller is not blocked: what a notebook cell uses with
    /// <c>await</c>. The returned task ends as the run does, with its result or exception.
    /// </summary>
    /// <param name="main">The async function to run; pass its <see cref="VirtualTimeProvider"/> to everything that waits.</param>
    /// <param name="options">Deadlock timeout and pending-timer policy; defaults when null.</param>
    /// <example>
    /// <code>
    /// TimeSpan elapsed = await VirtualTimeLoop.RunAsync(async time =>
    /// {
    ///     await Task.Delay(TimeSpan.FromMinutes(10), time);
    ///     return time.Elapsed;   // 00:10:00
    /// });
    /// </code>
    /// </example>
    public static Task<T> RunAsync<T>(Func<VirtualTimeProvider, Task<T>> main, VirtualTimeLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        return OnOwnThread(() => Run(main, options));
    }

    /// <summary>
    /// Like <see cref="Run(Func{VirtualTimeProvider, Task}, VirtualTimeLoopOptions?)"/>, but the loop runs
    /// on a new thread of its own, so the caller is not blocked. The returned task ends as the run does.
    /// </summary>
    /// <param name="main">The async function to run; pass its <see cref="VirtualTimeProvider"/> to everything that waits.</param>
    /// <param name="options">Deadlock timeout and pending-timer policy; defaults when null.</param>
    public static Task RunAsync(Func<VirtualTimeProvider, Task> main, VirtualTimeLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        return OnOwnThread(() =>
        {
            Run(main, options);
            return true;
        });
    }

    /// <summary>
    /// Queues <paramref name="d"/> to run on the loop's thread after the work already queued; this is how
    /// an <c>await</c> inside the loop resumes. Work posted after the run has ended runs on the thread pool.
    /// </summary>
    /// <param name="d">The work to run.</param>
    /// <param name="state">The argument passed to <paramref name="d"/>.</param>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        lock (Gate)
        {
            if (!_closed)
            {
                if (Environment.CurrentManagedThreadId != _threadId && _escape is null && Time.PendingTimerCount > 0)
                {
                    _escape = ForeignContinuation();
                }

                _queue.Enqueue((d, state));
                WakeUnderLock();
                return;
            }
        }

        ThreadPool.QueueUserWorkItem(static work => work.Callback(work.State), (Callback: d, State: state), preferLocal: false);
    }

    /// <summary>Runs <paramref name="d"/> on the loop's thread and waits for it: at once when called on that thread.</summary>
    /// <param name="d">The work to run.</param>
    /// <param name="state">The argument passed to <paramref name="d"/>.</param>
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        Exception? failure = null;
        Post(_ =>
        {
            try
            {
                d(state);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                done.Set();
            }
        }, null);
        done.Wait();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>The loop itself: there is only one loop thread to send work to.</summary>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Wakes the loop if it is waiting for work. Call with <see cref="Gate"/> held.</summary>
    internal void WakeUnderLock()
    {
        if (_waiting)
        {
            Monitor.Pulse(Gate);
        }
    }

    private static Task<T> OnOwnThread<T>(Func<T> run)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(run());
            }
            catch (OperationCanceledException canceled)
            {
                completion.SetCanceled(canceled.CancellationToken);
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "VirtualTimeLoop",
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>Runs the loop on this thread until <paramref name="main"/>'s task has finished, then closes it; returns that task.</summary>
    private Task RunToEnd(Func<VirtualTimeProvider, Task> main)
    {
        SynchronizationContext? previous = Current;
        VirtualTimeLoop? outer = t_running;
        _threadId = Environment.CurrentManagedThreadId;
        t_running = this;
        SetSynchronizationContext(this);
        try
        {
            Task mainTask = Start(main);
            mainTask.ContinueWith(
                static (_, loop) =>
                {
                    var self = (VirtualTimeLoop)loop!;
                    lock (self.Gate)
                    {
                        self.WakeUnderLock();
                    }
                },
                this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            RunUntilFinished(mainTask);
            if (mainTask.IsCompletedSuccessfully && !_allowPendingTimers)
            {
                ThrowIfTimersPending();
            }

            return mainTask;
        }
        finally
        {
            Close();
            SetSynchronizationContext(previous);
            t_running = outer;
        }
    }

    private Task Start(Func<VirtualTimeProvider, Task> main)
    {
        try
        {
            return main(Time) ?? throw new InvalidOperationException(
                "The main function returned null instead of a task: return the task, or mark the lambda async.");
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <summary>
    /// The loop: run queued work in order; when there is none, fire the earliest timer; when there is no
    /// timer either, wait (in real time) for other threads, then give up with a deadlock.
    /// </summary>
    private void RunUntilFinished(Task mainTask)
    {
        while (true)
        {
            SendOrPostCallback? callback = null;
            object? state = null;
            VirtualTimer? timer = null;
            lock (Gate)
            {
                if (_escape is not null)
                {
                    throw _escape;
                }

                if (_queue.TryDequeue(out var work))
                {
                    (callback, state) = work;
                }
                else if (mainTask.IsCompleted)
                {
                    return;
                }
                else if ((timer = Time.AdvanceToNextTimer()) is null)
                {
                    WaitForOtherThreads(mainTask);
                    continue;
                }
            }

            if (timer is not null)
            {
                InvokeWithoutContext(timer);
            }
            else
            {
                callback!(state);
            }
        }
    }

    /// <summary>
    /// Runs a timer callback on the loop's thread with no SynchronizationContext, as timers of the system
    /// clock run on the thread pool. Continuations that do not ask for the loop (after ConfigureAwait(false))
    /// can then run inline, on this thread at this virtual time, instead of leaving for the thread pool;
    /// continuations that captured the loop are posted to it as usual.
    /// </summary>
    private void InvokeWithoutContext(VirtualTimer timer)
    {
        SetSynchronizationContext(null);
        try
        {
            timer.Invoke();
        }
        finally
        {
            SetSynchronizationContext(this);
        }
    }

    /// <summary>Nothing can run and no timer is pending: wait for another thread to post work or start a timer. Call with <see cref="Gate"/> held.</summary>
    private void WaitForOtherThreads(Task mainTask)
    {
        _waiting = true;
        bool woken;
        try
        {
            woken = Monitor.Wait(Gate, _deadlockTimeout);
        }
        finally
        {
            _waiting = false;
        }

        if (!woken && _queue.Count == 0 && Time.PendingTimerCount == 0 && !mainTask.IsCompleted)
        {
            throw new VirtualTimeDeadlockException(Invariant(
                $"Deadlock at {TextFormat.Seconds(Time.Elapsed)} of virtual time: the main function is still waiting, but nothing on the loop can run, no timer is pending, and no other thread posted work within {TextFormat.Seconds(_deadlockTimeout)} of real time. ")
                + "Something awaits a task that nothing will ever complete, such as a TaskCompletionSource that is never set, a SemaphoreSlim that is never released, "
                + "or a Channel that nothing writes to or completes. A wait on the real clock can cause it too: pass the virtual time provider to Task.Delay, WaitAsync and CancellationTokenSource.",
                Time.Elapsed);
        }
    }

    private void ThrowIfTimersPending()
    {
        lock (Gate)
        {
            if (Time.PendingTimerCount == 0)
            {
                return;
            }

            var pending = Time.PendingTimers();
            throw new VirtualTimeEscapeException(
                Invariant($"The main function finished at {TextFormat.Seconds(Time.Elapsed)} of virtual time, but {Timers(pending.Count, "is", "are")} still pending: {Describe(pending)}. ")
                + "They will never fire, because virtual time stops with the loop, so work that waits on them never finishes. "
                + "Await every task you start; dispose a CancellationTokenSource or PeriodicTimer you no longer need; cancel a Task.Delay used as a timeout, or use WaitAsync instead. "
                + "If leaving them is intended, set VirtualTimeLoopOptions.AllowPendingTimers.",
                Time.Elapsed, [.. pending.Select(timer => timer.Due)]);
        }
    }

    /// <summary>The escape of a continuation posted from another thread while timers are pending. Call with <see cref="Gate"/> held.</summary>
    private VirtualTimeEscapeException ForeignContinuation()
    {
        var pending = Time.PendingTimers();
        return new VirtualTimeEscapeException(
            Invariant($"Work escaped the loop: at {TextFormat.Seconds(Time.Elapsed)} of virtual time a continuation arrived from thread {Environment.CurrentManagedThreadId} while {Timers(pending.Count, "was", "were")} pending ({Describe(pending)}). ")
            + "The loop does not wait for other threads before it moves the clock, so virtual time may already have jumped past the moment that work finished, and the timings would not be exact. "
            + "Such work comes from Task.Run, from ConfigureAwait(false), from Task.WhenEach or ChannelReader.ReadAllAsync (which resume on the thread pool), "
            + "or from a Task.Delay, WaitAsync or CancellationTokenSource on the real clock (TimeProvider.System): "
            + "pass the virtual time provider instead, and simulate slow work with SimulatedIO or Task.Delay(…, time).",
            Time.Elapsed, [.. pending.Select(timer => timer.Due)]);
    }

    /// <summary>Ends the run: from now on, posted work goes to the thread pool, including any still queued.</summary>
    private void Close()
    {
        (SendOrPostCallback Callback, object? State)[] leftover;
        lock (Gate)
        {
            _closed = true;
            leftover = [.. _queue];
            _queue.Clear();
        }

        foreach (var work in leftover)
        {
            ThreadPool.QueueUserWorkItem(static work => work.Callback(work.State), work, preferLocal: false);
        }
    }

    /// <summary>"1 timer is", "3 timers are" (or with the given verbs).</summary>
    private static string Timers(int count, string singularVerb, string pluralVerb) =>
        TextFormat.Count(count, "timer") + " " + (count == 1 ? singularVerb : pluralVerb);

    private static string Describe(IReadOnlyList<(TimeSpan Due, string Owner)> timers)
    {
        var text = new StringBuilder();
        foreach (var (due, owner) in timers.Take(ListedTimers))
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(owner).Append(" due at ").Append(TextFormat.Seconds(due));
        }

        if (timers.Count > ListedTimers)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {timers.Count - ListedTimers} more");
        }

        return text.ToString();
    }
}
