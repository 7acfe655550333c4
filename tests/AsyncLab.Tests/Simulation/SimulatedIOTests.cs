using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Simulation;

public class SimulatedIOTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly TimingRecorder _recorder;
    private readonly SimulatedIO _io;

    public SimulatedIOTests()
    {
        _recorder = new TimingRecorder(_time);
        _io = new SimulatedIO(_recorder, new SimulatedIOOptions { LatencyScale = 1 });
    }

    [Fact]
    public async Task FetchAsync_OneSecond_RecordsExactlyOneSecond()
    {
        Task<string> fetch = _io.FetchAsync("weather", Seconds(1));
        _time.Advance(Seconds(1));

        Assert.Equal("response from weather", await fetch);
        OperationRecord record = Assert.Single(_recorder.Operations);
        Assert.Equal("weather", record.Name);
        Assert.Equal(TimeSpan.Zero, record.Start);
        Assert.Equal(Seconds(1), record.End);
        Assert.Equal(OperationOutcome.Completed, record.Outcome);
    }

    [Fact]
    public void FetchAsync_BeforeTheLatency_IsStillRunning()
    {
        Task<string> fetch = _io.FetchAsync("weather", Seconds(1));
        _time.Advance(Seconds(0.999));

        Assert.False(fetch.IsCompleted);
        Assert.Equal(OperationOutcome.Running, Assert.Single(_recorder.Operations).Outcome);
    }

    [Fact]
    public async Task FetchAsync_WithResult_ReturnsIt()
    {
        Task<int> fetch = _io.FetchAsync("price", Seconds(1), 42);
        _time.Advance(Seconds(1));

        Assert.Equal(42, await fetch);
    }

    [Fact]
    public async Task FetchAsync_StartedTogether_Overlap()
    {
        Task<string> first = _io.FetchAsync("A", Seconds(1));
        Task<string> second = _io.FetchAsync("B", Seconds(2));
        _time.Advance(Seconds(1));
        await first;
        _time.Advance(Seconds(1));
        await second;

        TimingSummary summary = _recorder.Summarize();
        Assert.Equal(Seconds(2), summary.Elapsed);
        Assert.Equal(2, summary.PeakConcurrency);
        Assert.Equal(Seconds(1), summary.OverlapTime);
    }

    [Fact]
    public async Task FetchAsync_Canceled_RecordsCanceledAndThrowsWithTheToken()
    {
        using var cancellation = new CancellationTokenSource();
        Task<string> fetch = _io.FetchAsync("weather", Seconds(1), cancellation.Token);
        _time.Advance(Seconds(0.25));

        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        OperationRecord record = Assert.Single(_recorder.Operations);
        Assert.Equal(OperationOutcome.Canceled, record.Outcome);
        Assert.Equal(Seconds(0.25), record.End);
    }

    [Fact]
    public async Task FetchAsync_AlreadyCanceled_RecordsCanceledAtOnce()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _io.FetchAsync("weather", Seconds(1), new CancellationToken(canceled: true)));

        Assert.Equal(TimeSpan.Zero, Assert.Single(_recorder.Operations).Duration);
    }

    [Fact]
    public async Task FetchAsync_LatencyScaleHalf_TakesHalfTheLatency()
    {
        var io = new SimulatedIO(_recorder, new SimulatedIOOptions { LatencyScale = 0.5 });

        Task<string> fetch = io.FetchAsync("weather", Seconds(2));
        _time.Advance(Seconds(1));
        await fetch;

        Assert.Equal(Seconds(1), Assert.Single(_recorder.Operations).Duration);
        Assert.Equal(0.5, io.LatencyScale);
    }

    [Fact]
    public async Task FetchAsync_WithSynchronizationContext_ContinuesOnIt()
    {
        var context = new QueueingSynchronizationContext();
        Task<string> fetch;
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            fetch = _io.FetchAsync("weather", Seconds(1));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        _time.Advance(Seconds(1));
        Assert.False(fetch.IsCompleted);
        context.RunUntilCompleted(fetch);

        Assert.True(context.Posted > 0);
        Assert.Equal("response from weather", await fetch);
    }

    [Fact]
    public async Task FailAsync_AfterTheLatency_ThrowsAndRecordsFaulted()
    {
        Task failing = _io.FailAsync("payment", Seconds(1), "card declined");
        _time.Advance(Seconds(1));

        var exception = await Assert.ThrowsAsync<SimulatedFailureException>(() => failing);
        Assert.Equal("card declined", exception.Message);
        Assert.Equal("payment", exception.OperationName);
        OperationRecord record = Assert.Single(_recorder.Operations);
        Assert.Equal(OperationOutcome.Faulted, record.Outcome);
        Assert.Equal("card declined", record.ErrorMessage);
        Assert.Equal(Seconds(1), record.Duration);
    }

    [Fact]
    public async Task FailAsyncOfT_AfterTheLatency_Throws()
    {
        Task<int> failing = _io.FailAsync<int>("price", Seconds(1), "not found");
        _time.Advance(Seconds(1));

        await Assert.ThrowsAsync<SimulatedFailureException>(() => failing);
    }

    [Fact]
    public async Task FetchAsync_FailureProbabilityWithSeed_FailsTheSameCallsEveryRun()
    {
        var options = new SimulatedIOOptions { LatencyScale = 1, FailureProbability = 0.5, Seed = 7 };

        bool[] first = await FailuresAsync(new SimulatedIO(new TimingRecorder(_time), options));
        bool[] second = await FailuresAsync(new SimulatedIO(new TimingRecorder(_time), options));

        Assert.Equal(first, second);
        Assert.Contains(true, first);
        Assert.Contains(false, first);
    }

    [Fact]
    public async Task FetchAsync_FailureProbabilityOne_AlwaysFailsAfterTheLatency()
    {
        var io = new SimulatedIO(_recorder, new SimulatedIOOptions { LatencyScale = 1, FailureProbability = 1 });

        Task<string> fetch = io.FetchAsync("weather", Seconds(1));
        Assert.False(fetch.IsCompleted);
        _time.Advance(Seconds(1));

        var exception = await Assert.ThrowsAsync<SimulatedFailureException>(() => fetch);
        Assert.Equal("weather", exception.OperationName);
        Assert.Equal(OperationOutcome.Faulted, Assert.Single(_recorder.Operations).Outcome);
    }

    [Fact]
    public async Task FetchAsync_NoFailureProbability_NeverFails()
    {
        Assert.DoesNotContain(true, await FailuresAsync(_io));
    }

    [Fact]
    public void Block_ZeroLatency_RecordsCompletedOnTheCallingThread()
    {
        _io.Block("compute", TimeSpan.Zero);

        OperationRecord record = Assert.Single(_recorder.Operations);
        Assert.Equal(OperationOutcome.Completed, record.Outcome);
        Assert.Equal(Environment.CurrentManagedThreadId, record.StartThreadId);
        Assert.Equal(record.StartThreadId, record.EndThreadId);
    }

    [Fact]
    public void Constructor_NullRecorder_Throws()
    {
        Assert.Equal("recorder", Assert.Throws<ArgumentNullException>(() => new SimulatedIO(null!)).ParamName);
    }

    [Fact]
    public void Methods_NegativeLatency_ThrowWithTheValueInTheMessage()
    {
        var exceptions = new[]
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _io.FetchAsync("A", Seconds(-1)); }),
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _io.FetchAsync("A", Seconds(-1), 1); }),
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _io.FailAsync("A", Seconds(-1), "x"); }),
            Assert.Throws<ArgumentOutOfRangeException>(() => _io.Block("A", Seconds(-1))),
        };

        Assert.All(exceptions, exception =>
        {
            Assert.Equal("latency", exception.ParamName);
            Assert.StartsWith("Latency must be zero or positive, but was -00:00:01.", exception.Message);
        });
        Assert.Empty(_recorder.Operations);
    }

    [Fact]
    public void Methods_BlankName_ThrowWithParameterName()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => { _ = _io.FetchAsync(" ", Seconds(1)); }).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => { _ = _io.FetchAsync(null!, Seconds(1)); }).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => _io.Block("", Seconds(1))).ParamName);
    }

    [Fact]
    public void FailAsync_NullMessage_Throws()
    {
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => { _ = _io.FailAsync("A", Seconds(1), null!); }).ParamName);
    }

    private static async Task<bool[]> FailuresAsync(SimulatedIO io)
    {
        var failures = new bool[20];
        for (int i = 0; i < failures.Length; i++)
        {
            try
            {
                await io.FetchAsync("call " + i, TimeSpan.Zero);
            }
            catch (SimulatedFailureException)
            {
                failures[i] = true;
            }
        }

        return failures;
    }
}
