using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Channels;

/// <summary>The probe looks on a manual clock, so each look happens exactly when the test advances it.</summary>
public class ThreadBlockingProbeTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Watch_ThreadStillBlockedAtTheLook_CountsItBlocked()
    {
        var probe = new ThreadBlockingProbe(_time, Seconds(0.05));
        using var release = new ManualResetEvent(initialState: false);   // blocks at once; a ManualResetEventSlim spins first
        using var watched = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            probe.Watch();
            watched.Set();
            release.WaitOne();   // blocks, as .Wait() or .Result would
        });
        thread.Start();
        watched.Wait();
        while ((thread.ThreadState & ThreadState.WaitSleepJoin) == 0)
        {
            await Task.Yield();
        }

        _time.Advance(Seconds(0.05));
        await probe.WhenDoneAsync();
        release.Set();
        thread.Join();

        Assert.Equal((1, 1), (probe.Samples, probe.Blocked));
    }

    [Fact]
    public async Task Watch_ThreadThatMovedOn_IsNotCountedBlocked()
    {
        var probe = new ThreadBlockingProbe(_time, Seconds(0.05));
        var thread = new Thread(probe.Watch);
        thread.Start();
        thread.Join();   // the thread has ended: it is not waiting for anything

        _time.Advance(Seconds(0.05));
        await probe.WhenDoneAsync();

        Assert.Equal((1, 0), (probe.Samples, probe.Blocked));
    }

    [Fact]
    public async Task WhenDoneAsync_BeforeTheLook_IsPending()
    {
        var probe = new ThreadBlockingProbe(_time, Seconds(0.05));
        probe.Watch();

        Task done = probe.WhenDoneAsync();
        Assert.False(done.IsCompleted);
        _time.Advance(Seconds(0.05));
        await done;

        Assert.Equal(1, probe.Samples);
    }
}
