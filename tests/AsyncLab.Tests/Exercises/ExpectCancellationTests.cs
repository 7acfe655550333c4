using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises;

public class ExpectCancellationTests
{
    private readonly SimulatedConnections _connections = new();

    [Fact]
    public void AllClosed_EveryConnectionClosed_IsMet()
    {
        _connections.Open("source").Dispose();
        _connections.Open("target").Dispose();

        ExpectationOutcome outcome = Expect.AllClosed(_connections).Evaluate(Run());

        Assert.True(outcome.Met);
        Assert.Equal("0 of 2 connections open", outcome.Measured);
    }

    [Fact]
    public void AllClosed_OneLeftOpen_IsNotMetAndNamesIt()
    {
        _connections.Open("source").Dispose();
        _connections.Open("target");

        ExpectationOutcome outcome = Expect.AllClosed(_connections).Evaluate(Run());

        Assert.False(outcome.Met);
        Assert.Equal("1 of 2 connections open: target", outcome.Measured);
    }

    [Fact]
    public void AllClosed_NothingOpened_IsNotMet()
    {
        ExpectationOutcome outcome = Expect.AllClosed(_connections).Evaluate(Run());

        Assert.False(outcome.Met);
        Assert.Equal("no connection opened", outcome.Measured);
    }

    [Fact]
    public void AllClosed_Null_Throws()
    {
        Assert.Equal("connections", Assert.Throws<ArgumentNullException>(() => Expect.AllClosed(null!)).ParamName);
    }

    [Fact]
    public void ThrowsWhenCanceled_MetOnlyForTheCanceledResult()
    {
        ExpectationOutcome canceled = Expect.ThrowsWhenCanceled().Evaluate(Run(Attempt.Canceled));
        ExpectationOutcome finished = Expect.ThrowsWhenCanceled().Evaluate(Run(Attempt.Finished));

        Assert.True(canceled.Met);
        Assert.Equal("threw OperationCanceledException after the cancel", canceled.Measured);
        Assert.False(finished.Met);
        Assert.Equal("returned normally", finished.Measured);
        Assert.False(Expect.ThrowsWhenCanceled().Evaluate(Run(null)).Met);
    }

    private static ExerciseRun Run(object? result = null) => new(new TimingRecorder(new ManualTimeProvider()), result, exception: null, timedOut: false, TimeSpan.Zero);
}
