namespace AsyncLab;

/// <summary>
/// The tiny single-threaded event loop of chapter 10: a ready queue of callbacks and a list of timers, run by one
/// thread, as asyncio's loop runs <c>call_soon</c> and <c>call_later</c> callbacks. Implement it in the chapter's
/// exercise; <see cref="Chapter10Checks.CheckEventLoopAsync(Func{ITinyEventLoop})"/> checks it.
/// </summary>
public interface ITinyEventLoop
{
    /// <summary>Queues <paramref name="callback"/> to run as soon as possible, after the callbacks already queued (asyncio's <c>call_soon</c>).</summary>
    /// <param name="callback">The work to run on the loop's thread.</param>
    void CallSoon(Action callback);

    /// <summary>Runs <paramref name="callback"/> once <paramref name="delay"/> has passed, not before (asyncio's <c>call_later</c>).</summary>
    /// <param name="delay">How long to wait from now, zero or more.</param>
    /// <param name="callback">The work to run on the loop's thread.</param>
    void CallLater(TimeSpan delay, Action callback);

    /// <summary>Runs the queued callbacks and the timers, in order, on the calling thread, until nothing is left; then returns.</summary>
    void Run();
}
