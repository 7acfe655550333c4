namespace AsyncLab;

/// <summary>
/// How an exercise attempt treated the thread that called it. An asynchronous attempt hands back an
/// unfinished task almost at once and holds its thread only for moments; a blocking one (<c>.Result</c>,
/// <c>.Wait()</c>, <c>Thread.Sleep</c>) holds it for as long as it waits.
/// </summary>
/// <param name="Id">The managed thread id the attempt was called on; its continuations come back to it.</param>
/// <param name="HandBack">How long the call took to hand back its task (real time).</param>
/// <param name="HandedBackUnfinished">True when the task handed back was not finished yet.</param>
/// <param name="LongestHold">The longest the attempt held its thread in one go (real time, including moments a busy machine did not run it).</param>
/// <param name="BlockedInWaits">How long the thread was blocked in a wait (<c>Thread.Sleep</c>, <c>.Wait()</c>, <c>.Result</c>) while running the attempt's code.</param>
/// <param name="Blocked">True when the attempt held its thread while work it needed waited for that thread: a deadlock the check had to break.</param>
public sealed record AttemptThread(int Id, TimeSpan HandBack, bool HandedBackUnfinished, TimeSpan LongestHold, TimeSpan BlockedInWaits, bool Blocked);
