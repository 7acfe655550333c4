using System.Diagnostics;

namespace AsyncLab;

/// <summary>
/// Runs one exercise attempt on a thread of its own that acts as the attempt's event loop, in real time:
/// the attempt's synchronization context, so every <c>await</c> in it resumes on that one thread, as every
/// coroutine resumes on asyncio's loop. That makes what a check measures independent of the core count:
/// continuations never run in parallel, work posted back to the loop runs only after the current
/// synchronous segment, and the loop can measure how long the attempt held its thread.
/// </summary>
/// <remarks>
/// A blocking wait on the loop (<c>.Result</c>, <c>.Wait()</c>) on work that needs the loop deadlocks. When
/// the loop's thread has been blocked in a wait while posted work waited for <see cref="RescueAfter"/>, the loop gives
/// up: it marks the attempt as blocked and runs all further work on the thread pool, so the attempt ends.
/// </remarks>
internal sealed class AttemptLoop : SynchronizationContext, IDisposable
{
    /// <summary>How long posted work may wait for a held loop thread before the loop runs it on the pool.</summary>
    internal static readonly TimeSpan RescueAfter = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan s_watchInterval = TimeSpan.FromMilliseconds(20);

    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State, long Posted)> _queue = new();
    private readonly Thread _thread;
    private readonly Thread _watchdog;
    private bool _closed;
    private bool _rescued;
    private long _busySince;
    private TimeSpan _longestHold;
    private TimeSpan _blocked;
    private long _lastSample;
    private bool _lastSampleWaiting;
    private TimeSpan _handBack;
    private bool _handedBackUnfinished;

    private AttemptLoop()
    {
        _thread = new Thread(static loop => ((AttemptLoop)loop!).Pump()) { IsBackground = true, Name = "exercise attempt" };
        // A thread, not a timer: a timer's callbacks are thread-pool work, which a chapter's leftover probe would count.
        _watchdog = new Thread(static loop => ((AttemptLoop)loop!).WatchUntilClosed()) { IsBackground = true, Name = "exercise watchdog" };
    }

    /// <summary>The managed thread id of the loop's thread.</summary>
    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>Whether the loop's thread is running a work item now, rather than waiting idle for the next one.</summary>
    public bool IsRunningWork
    {
        get
        {
            lock (_gate)
            {
                return _busySince != 0;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="start"/> on a new loop thread. <paramref name="onFinished"/> runs synchronously
    /// at the moment the attempt's task completes, on the thread that completes it, before any other work
    /// posted to the loop: what it observes is the state at the instant the attempt returned.
    /// </summary>
    public static AttemptLoop Start(Func<Task> start, Action<Task, AttemptLoop> onFinished)
    {
        var loop = new AttemptLoop();
        loop._queue.Enqueue((_ => loop.RunAttempt(start, onFinished), null, Stopwatch.GetTimestamp()));
        loop._thread.Start(loop);
        loop._watchdog.Start(loop);
        return loop;
    }

    /// <summary>
    /// What the loop measured so far: the hand-back time, whether the task was unfinished, the longest hold (wall time,
    /// which includes moments the operating system did not run the thread), the time the thread spent blocked in a wait
    /// while running the attempt's code (sampled every 20 ms: <c>Thread.Sleep</c>, <c>.Wait()</c>, <c>.Result</c>, but not
    /// a busy machine), and whether the loop had to break a deadlock.
    /// </summary>
    public (TimeSpan HandBack, bool HandedBackUnfinished, TimeSpan LongestHold, TimeSpan BlockedInWaits, bool Deadlocked) Report()
    {
        lock (_gate)
        {
            TimeSpan current = _busySince == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_busySince);
            return (_handBack, _handedBackUnfinished, current > _longestHold ? current : _longestHold, _blocked, _rescued);
        }
    }

    /// <summary>Queues <paramref name="d"/> to run on the loop's thread; on the thread pool once the loop is closed or has given up.</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        lock (_gate)
        {
            if (!_closed && !_rescued)
            {
                _queue.Enqueue((d, state, Stopwatch.GetTimestamp()));
                Monitor.PulseAll(_gate);
                return;
            }
        }

        ThreadPool.QueueUserWorkItem(static work => work.d(work.state), (d, state), preferLocal: false);
    }

    /// <summary>Runs <paramref name="d"/> at once: a synchronous send needs no loop.</summary>
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        d(state);
    }

    /// <summary>The loop itself: there is one loop thread.</summary>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Closes the loop: work already queued and work posted later runs on the thread pool; the loop's thread ends.</summary>
    public void Dispose()
    {
        (SendOrPostCallback Callback, object? State, long Posted)[] left;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            left = [.. _queue];
            _queue.Clear();
            Monitor.PulseAll(_gate);
        }

        foreach (var (callback, state, _) in left)
        {
            ThreadPool.QueueUserWorkItem(static work => work.callback(work.state), (callback, state), preferLocal: false);
        }
    }

    private void RunAttempt(Func<Task> start, Action<Task, AttemptLoop> onFinished)
    {
        long begun = Stopwatch.GetTimestamp();
        Task attempt;
        try
        {
            attempt = start();
        }
        catch (Exception exception)
        {
            attempt = Task.FromException(exception);
        }

        lock (_gate)
        {
            _handBack = Stopwatch.GetElapsedTime(begun);
            _handedBackUnfinished = !attempt.IsCompleted;
        }

        attempt.ContinueWith(task => onFinished(task, this), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Pump()
    {
        SetSynchronizationContext(this);
        while (true)
        {
            (SendOrPostCallback Callback, object? State, long Posted) work;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_closed && !_rescued)
                {
                    Monitor.Wait(_gate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                work = _queue.Dequeue();
                _busySince = Stopwatch.GetTimestamp();
            }

            try
            {
                work.Callback(work.State);
            }
            finally
            {
                lock (_gate)
                {
                    TimeSpan held = Stopwatch.GetElapsedTime(_busySince);
                    _longestHold = held > _longestHold ? held : _longestHold;
                    _busySince = 0;
                }
            }
        }
    }

    private void WatchUntilClosed()
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    Monitor.Wait(_gate, s_watchInterval);
                }

                if (_closed)
                {
                    return;
                }
            }

            Watch();
        }
    }

    private void Watch()
    {
        // Read before taking the lock, so that the loop thread waiting for this very lock never counts as blocked.
        bool inWait = (_thread.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0;
        long now = Stopwatch.GetTimestamp();
        (SendOrPostCallback Callback, object? State, long Posted)[] rescued;
        lock (_gate)
        {
            bool waiting = inWait && _busySince != 0;
            if (waiting && _lastSampleWaiting)
            {
                _blocked += Stopwatch.GetElapsedTime(_lastSample, now);
            }

            _lastSample = now;
            _lastSampleWaiting = waiting;
            if (_closed || _rescued || !waiting || _queue.Count == 0 || Stopwatch.GetElapsedTime(_queue.Peek().Posted) < RescueAfter)
            {
                return;
            }

            _rescued = true;
            rescued = [.. _queue];
            _queue.Clear();
        }

        foreach (var (callback, state, _) in rescued)
        {
            ThreadPool.QueueUserWorkItem(static work => work.callback(work.state), (callback, state), preferLocal: false);
        }
    }
}
