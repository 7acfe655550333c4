using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Exercises;

public class AttemptTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly SimulatedIO _io;

    public AttemptTests()
    {
        _io = new SimulatedIO(new TimingRecorder(_time), new SimulatedIOOptions { LatencyScale = 1 });
    }

    [Fact]
    public async Task CanceledAfter_AttemptObservesTheToken_ReturnsCanceledAtTheDelay()
    {
        Task<string> run = Attempt.CanceledAfter(Seconds(0.5), (io, token) => io.FetchAsync("rows", Seconds(2), token))(_io);
        _time.Advance(Seconds(0.5));

        Assert.Equal(Attempt.Canceled, await run);
        OperationRecord rows = Assert.Single(_io.Recorder.Operations);
        Assert.Equal(OperationOutcome.Canceled, rows.Outcome);
        Assert.Equal(Seconds(0.5), rows.End);
    }

    [Fact]
    public async Task CanceledAfter_AttemptIgnoresTheToken_ReturnsFinished()
    {
        Task<string> run = Attempt.CanceledAfter(Seconds(0.5), (io, _) => io.FetchAsync("rows", Seconds(2), CancellationToken.None))(_io);
        _time.Advance(Seconds(0.5));
        Assert.False(run.IsCompleted);
        _time.Advance(Seconds(1.5));

        Assert.Equal(Attempt.Finished, await run);
    }

    [Fact]
    public async Task CanceledAfter_AttemptFinishesBeforeTheDelay_ReturnsFinished()
    {
        Task<string> run = Attempt.CanceledAfter(Seconds(1), (io, token) => io.FetchAsync("rows", Seconds(0.25), token))(_io);
        _time.Advance(Seconds(0.25));

        Assert.Equal(Attempt.Finished, await run);
    }

    [Fact]
    public async Task CanceledAfter_OtherException_Propagates()
    {
        Task<string> run = Attempt.CanceledAfter(Seconds(1), (io, token) => io.FailAsync("rows", Seconds(0.25), "disk full", token))(_io);
        _time.Advance(Seconds(0.25));

        await Assert.ThrowsAsync<SimulatedFailureException>(() => run);
    }

    [Fact]
    public async Task CanceledAfter_CancellationOfAnotherSourceBeforeTheDelay_Propagates()
    {
        using var other = new CancellationTokenSource();
        await other.CancelAsync();

        Task<string> run = Attempt.CanceledAfter(Seconds(1), (_, _) => Task.FromCanceled(other.Token))(_io);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task CanceledAfter_AttemptReturnsNull_ThrowsInvalidOperation()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => Attempt.CanceledAfter(Seconds(1), (_, _) => null!)(_io));
        Assert.Contains("returned null instead of a task", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void CanceledAfter_DelayNotPositive_Throws(double seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Attempt.CanceledAfter(Seconds(seconds), (_, _) => Task.CompletedTask));
        Assert.Equal("delay", exception.ParamName);
        Assert.Contains("must be greater than zero and at most one day", exception.Message);
    }

    [Fact]
    public void CanceledAfter_NullAttempt_Throws()
    {
        Assert.Equal("attempt", Assert.Throws<ArgumentNullException>(() => Attempt.CanceledAfter(Seconds(1), null!)).ParamName);
    }
}
