namespace AsyncLab.Tests.Pitfalls;

public sealed class SingleThreadLoopTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_EveryAwaitResumesOnTheLoopThread()
    {
        using var loop = SingleThreadLoop.Start("test loop");

        int[] threads = await loop.RunAsync(async () =>
        {
            int before = Environment.CurrentManagedThreadId;
            await Task.Delay(TimeSpan.FromMilliseconds(5));
            int after = Environment.CurrentManagedThreadId;
            await Task.Yield();
            return new[] { before, after, Environment.CurrentManagedThreadId };
        }).WaitAsync(s_limit);

        Assert.All(threads, id => Assert.Equal(loop.ThreadId, id));
    }

    [Fact]
    public async Task Post_FromAForeignThread_RunsOnTheLoop()
    {
        using var loop = SingleThreadLoop.Start("test loop");
        var ranOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var foreign = new Thread(() => loop.Post(() => ranOn.SetResult(Environment.CurrentManagedThreadId)));
        foreign.Start();

        Assert.Equal(loop.ThreadId, await ranOn.Task.WaitAsync(s_limit));
        foreign.Join();
    }

    [Fact]
    public async Task RunAsync_BlockingOnWorkThatNeedsTheLoop_DeadlocksUntilTheWaitTimesOut()
    {
        using var loop = SingleThreadLoop.Start("test loop");

        bool finished = await loop.RunAsync(() =>
        {
            Task needsTheLoop = Task.Delay(TimeSpan.FromMilliseconds(5)).ContinueWith(_ => { }, TaskScheduler.FromCurrentSynchronizationContext());
            return Task.FromResult(needsTheLoop.Wait(TimeSpan.FromMilliseconds(300)));
        }).WaitAsync(s_limit);

        Assert.False(finished);
    }

    [Fact]
    public async Task RunAsync_WorkThrows_TheTaskFaultsWithTheException()
    {
        using var loop = SingleThreadLoop.Start("test loop");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunAsync(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        }).WaitAsync(s_limit));

        Assert.Equal("boom", exception.Message);
    }

    [Fact]
    public void Post_AfterDispose_Throws()
    {
        var loop = SingleThreadLoop.Start("test loop");
        loop.Dispose();

        Assert.Throws<ObjectDisposedException>(() => loop.Post(() => { }));
    }

    [Fact]
    public void Start_BlankName_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => SingleThreadLoop.Start(" "));

        Assert.Equal("name", exception.ParamName);
    }
}
