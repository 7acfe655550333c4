using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Timing;

public class TimingRecorderWaitsTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly TimingRecorder _recorder;

    public TimingRecorderWaitsTests()
    {
        _recorder = new TimingRecorder(_time);
    }

    [Fact]
    public async Task WhenNothingRunningAsync_NothingRunning_CompletesAtOnce()
    {
        _recorder.Begin("done").Complete();

        Task wait = _recorder.WhenNothingRunningAsync();

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }

    [Fact]
    public async Task WhenNothingRunningAsync_OperationRunning_CompletesOnlyAfterItEnds()
    {
        OperationHandle running = _recorder.Begin("left running");

        Task wait = _recorder.WhenNothingRunningAsync();
        await _time.WaitForScheduledTimersAsync(1);
        _time.Advance(TimingRecorderWaits.PollInterval);
        await _time.WaitForScheduledTimersAsync(1);
        Assert.False(wait.IsCompleted);

        running.Cancel();
        _time.Advance(TimingRecorderWaits.PollInterval);

        await wait;
        Assert.Equal(0, _recorder.Summarize().Running);
    }

    [Fact]
    public async Task WhenNothingRunningAsync_Canceled_IsCanceled()
    {
        _recorder.Begin("never ends");
        using var cancellation = new CancellationTokenSource();

        Task wait = _recorder.WhenNothingRunningAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task WhenNothingRunningAsync_NullRecorder_Throws()
    {
        var exception = await Assert.ThrowsAsync<ArgumentNullException>(() => TimingRecorderWaits.WhenNothingRunningAsync(null!));
        Assert.Equal("recorder", exception.ParamName);
        Assert.Equal(Seconds(0.01), TimingRecorderWaits.PollInterval);
    }
}
