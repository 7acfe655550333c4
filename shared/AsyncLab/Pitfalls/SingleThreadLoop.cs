using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A thread of its own that runs posted work one item at a time, and is the <see cref="SynchronizationContext"/> of
/// that work: every <c>await</c> inside resumes on the same thread, as every coroutine resumes on asyncio's loop, or
/// every event handler on a UI thread. A notebook cell has no such context; chapter 09 uses this one to show what
/// blocking does to a single thread, the sync-over-async deadlock, and how a foreign thread hands work to a loop.
/// </summary>
/// <remarks>The thread is a background thread: a loop that is never disposed cannot keep the process alive.</remarks>
/// <example>
/// <code>
/// using (var loop = SingleThreadLoop.Start("ui"))
///     await loop.RunAsync(async () => { await Task.Delay(10); Console.WriteLine(Environment.CurrentManagedThreadId == loop.ThreadId); });
/// </code>
/// </example>
public sealed class SingleThreadLoop : IDisposable
{
    private static readonly TimeSpan s_joinLimit = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread;
    private readonly LoopContext _context;
    private bool _closed;

    private SingleThreadLoop(string name)
    {
        _context = new LoopContext(this);
        _thread = new Thread(static loop => ((SingleThreadLoop)loop!).Pump()) { IsBackground = true, Name = name };
    }

    /// <summary>The managed thread id of the loop's thread.</summary>
    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>How many posted items wait for the loop's thread now.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Starts a loop on a new thread called <paramref name="name"/>.</summary>
    /// <param name="name">The thread's name, shown in a debugger.</param>
    public static SingleThreadLoop Start(string name)
    {
        Require.NotBlank(name, "A loop's name");
        var loop = new SingleThreadLoop(name);
        loop._thread.Start(loop);
        return loop;
    }

    /// <summary>
    /// Queues <paramref name="action"/> to run on the loop's thread, after the work queued before it. Safe to call from
    /// any thread: this is the .NET form of asyncio's <c>call_soon_threadsafe</c>.
    /// </summary>
    /// <param name="action">The work to run on the loop.</param>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(static state => ((Action)state!)(), action);
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the loop's thread and returns a task that ends as its task does. The task's
    /// own awaiters resume on the thread pool, not on the loop, so awaiting it from a cell never needs the loop.
    /// </summary>
    /// <param name="work">The asynchronous work to start on the loop.</param>
    public Task RunAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(async () =>
        {
            await work();
            return true;
        });
    }

    /// <summary>Like <see cref="RunAsync(Func{Task})"/>, for work with a result.</summary>
    /// <param name="work">The asynchronous work to start on the loop.</param>
    public Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            Task<T> task;
            try
            {
                task = work() ?? throw new InvalidOperationException("The work returned null instead of a task: return the task, or mark the lambda async.");
            }
            catch (Exception exception)
            {
                done.SetException(exception);
                return;
            }

            task.RelayTo(done);
        });
        return done.Task;
    }

    /// <summary>Stops the loop once the work queued so far has run, and waits (up to five seconds) for its thread to end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }

        if (Environment.CurrentManagedThreadId != ThreadId)
        {
            _thread.Join(s_joinLimit);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Invariant($"loop \"{_thread.Name}\" on thread {ThreadId}, {Queued} queued");

    private void Enqueue(SendOrPostCallback callback, object? state)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue((callback, state));
            Monitor.Pulse(_gate);
        }
    }

    private void Pump()
    {
        SynchronizationContext.SetSynchronizationContext(_context);
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_closed)
                {
                    Monitor.Wait(_gate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                next = _queue.Dequeue();
            }

            next.Callback(next.State);
        }
    }

    /// <summary>The context that posts every continuation back to the loop's queue.</summary>
    private sealed class LoopContext(SingleThreadLoop loop) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => loop.Enqueue(d, state);

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (Environment.CurrentManagedThreadId == loop.ThreadId)
            {
                d(state);
                return;
            }

            using var done = new ManualResetEventSlim();
            loop.Enqueue(
                _ =>
                {
                    try
                    {
                        d(state);
                    }
                    finally
                    {
                        done.Set();
                    }
                },
                null);
            done.Wait();
        }

        public override SynchronizationContext CreateCopy() => this;
    }
}
