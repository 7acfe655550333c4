using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Timing;

public class TimingRecorderTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Begin_ThenComplete_RecordsExactStartAndEnd()
    {
        var recorder = new TimingRecorder(_time);
        _time.Advance(Seconds(0.5));

        OperationHandle handle = recorder.Begin("download");
        _time.Advance(Seconds(1));
        handle.Complete();

        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal(0, record.Sequence);
        Assert.Equal("download", record.Name);
        Assert.Equal(Seconds(0.5), record.Start);
        Assert.Equal(Seconds(1.5), record.End);
        Assert.Equal(Seconds(1), record.Duration);
        Assert.Equal(OperationOutcome.Completed, record.Outcome);
    }

    [Fact]
    public void Begin_NotEnded_RecordsRunningWithoutEnd()
    {
        var recorder = new TimingRecorder(_time);

        recorder.Begin("download");

        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal(OperationOutcome.Running, record.Outcome);
        Assert.Null(record.End);
        Assert.Null(record.Duration);
        Assert.Null(record.EndThreadId);
    }

    [Fact]
    public async Task Begin_AndEndOnAnotherThread_RecordsBothThreadIds()
    {
        var recorder = new TimingRecorder(_time);

        int startThread = Environment.CurrentManagedThreadId;
        OperationHandle handle = recorder.Begin("download");
        int endThread = await Task.Run(() =>
        {
            handle.Complete();
            return Environment.CurrentManagedThreadId;
        });

        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal(startThread, record.StartThreadId);
        Assert.Equal(endThread, record.EndThreadId);
    }

    [Fact]
    public void Fail_RecordsFaultedWithTheMessage()
    {
        var recorder = new TimingRecorder(_time);

        recorder.Begin("upload").Fail(new InvalidOperationException("disk full"));

        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal(OperationOutcome.Faulted, record.Outcome);
        Assert.Equal("disk full", record.ErrorMessage);
    }

    [Fact]
    public void Cancel_RecordsCanceled()
    {
        var recorder = new TimingRecorder(_time);

        recorder.Begin("upload").Cancel();

        Assert.Equal(OperationOutcome.Canceled, Assert.Single(recorder.Operations).Outcome);
    }

    [Fact]
    public void Complete_Twice_ThrowsWithClearMessage()
    {
        var recorder = new TimingRecorder(_time);
        OperationHandle handle = recorder.Begin("download");
        handle.Complete();

        var exception = Assert.Throws<InvalidOperationException>(handle.Cancel);

        Assert.Equal("The operation \"download\" has already ended (Completed): call Complete, Fail or Cancel only once per operation.", exception.Message);
        Assert.Equal(OperationOutcome.Completed, Assert.Single(recorder.Operations).Outcome);
    }

    [Fact]
    public void Fail_NullException_ThrowsArgumentNull()
    {
        OperationHandle handle = new TimingRecorder(_time).Begin("download");

        Assert.Equal("exception", Assert.Throws<ArgumentNullException>(() => handle.Fail(null!)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Begin_BlankName_ThrowsWithParameterName(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => new TimingRecorder(_time).Begin(name));

        Assert.Equal("name", exception.ParamName);
        Assert.StartsWith($"An operation name must contain at least one visible character, but was \"{name}\".", exception.Message);
    }

    [Fact]
    public void Begin_NullName_ThrowsArgumentNull()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new TimingRecorder(_time).Begin(null!)).ParamName);
    }

    [Fact]
    public async Task RecordAsync_Completes_ReturnsResultAndRecordsExactDuration()
    {
        var recorder = new TimingRecorder(_time);
        var gate = new TaskCompletionSource<int>();

        Task<int> recording = recorder.RecordAsync("query", () => gate.Task);
        _time.Advance(Seconds(2));
        gate.SetResult(42);

        Assert.Equal(42, await recording);
        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal(OperationOutcome.Completed, record.Outcome);
        Assert.Equal(Seconds(2), record.Duration);
    }

    [Fact]
    public async Task RecordAsync_OperationThrows_RecordsFaultedAndRethrowsTheSameException()
    {
        var recorder = new TimingRecorder(_time);
        var failure = new InvalidOperationException("boom");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordAsync("query", () => Task.FromException(failure)));

        Assert.Same(failure, thrown);
        Assert.Equal(OperationOutcome.Faulted, Assert.Single(recorder.Operations).Outcome);
    }

    [Fact]
    public async Task RecordAsync_OperationThrowsSynchronously_RecordsFaulted()
    {
        var recorder = new TimingRecorder(_time);

        await Assert.ThrowsAsync<NotImplementedException>(() => recorder.RecordAsync<int>("query", () => throw new NotImplementedException()));

        Assert.Equal(OperationOutcome.Faulted, Assert.Single(recorder.Operations).Outcome);
    }

    [Fact]
    public async Task RecordAsync_OperationCanceled_RecordsCanceled()
    {
        var recorder = new TimingRecorder(_time);

        await Assert.ThrowsAsync<TaskCanceledException>(() => recorder.RecordAsync("query", () => Task.FromCanceled(new CancellationToken(canceled: true))));

        Assert.Equal(OperationOutcome.Canceled, Assert.Single(recorder.Operations).Outcome);
    }

    [Fact]
    public void RecordAsync_NullOperation_ThrowsImmediately()
    {
        var recorder = new TimingRecorder(_time);

        // Thrown at once, not from the returned task, like the BCL's async methods.
        Assert.Equal("operation", Assert.Throws<ArgumentNullException>(() => { _ = recorder.RecordAsync("query", null!); }).ParamName);
        Assert.Equal("operation", Assert.Throws<ArgumentNullException>(() => { _ = recorder.RecordAsync<int>("query", null!); }).ParamName);
        Assert.Empty(recorder.Operations);
    }

    [Fact]
    public void Record_Synchronous_RecordsCompletedOnTheCallingThread()
    {
        var recorder = new TimingRecorder(_time);

        recorder.Record("compute", () => _time.Advance(Seconds(1)));

        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal(OperationOutcome.Completed, record.Outcome);
        Assert.Equal(Seconds(1), record.Duration);
        Assert.Equal(record.StartThreadId, record.EndThreadId);
    }

    [Fact]
    public void Record_Throws_RecordsFaultedAndRethrows()
    {
        var recorder = new TimingRecorder(_time);

        Assert.Throws<FormatException>(() => recorder.Record("parse", () => throw new FormatException("bad")));

        Assert.Equal(OperationOutcome.Faulted, Assert.Single(recorder.Operations).Outcome);
    }

    [Fact]
    public void Record_NullOperation_ThrowsArgumentNull()
    {
        Assert.Equal("operation", Assert.Throws<ArgumentNullException>(() => new TimingRecorder(_time).Record("x", null!)).ParamName);
    }

    [Fact]
    public void Operations_AreOrderedByStartThenSequence()
    {
        TimingRecorder recorder = Recorder(_time, ("B", 1, 2), ("A", 0, 3), ("C", 1, null));

        Assert.Equal(["A", "B", "C"], recorder.Operations.Select(o => o.Name));
        Assert.Equal([0, 1, 2], recorder.Operations.Select(o => o.Sequence));
    }

    [Fact]
    public void Elapsed_FollowsTheTimeProvider()
    {
        _time.Advance(Seconds(10));
        var recorder = new TimingRecorder(_time);

        _time.Advance(Seconds(1.5));

        Assert.Equal(Seconds(1.5), recorder.Elapsed);
        Assert.Same(_time, recorder.TimeProvider);
    }

    [Fact]
    public void Constructor_NoTimeProvider_UsesSystemTime()
    {
        Assert.Same(TimeProvider.System, new TimingRecorder().TimeProvider);
    }

    [Fact]
    public void Reset_ForgetsOperationsAndRestartsTheClock()
    {
        TimingRecorder recorder = Recorder(_time, ("A", 0, 1));

        recorder.Reset();
        _time.Advance(Seconds(0.25));

        Assert.Empty(recorder.Operations);
        Assert.Equal(Seconds(0.25), recorder.Elapsed);
        Assert.Equal(0, recorder.Begin("B").Sequence);
    }

    [Fact]
    public void Reset_OperationEndsAfterwards_IsNotRecorded()
    {
        var recorder = new TimingRecorder(_time);
        OperationHandle before = recorder.Begin("before");
        recorder.Reset();
        recorder.Begin("after");

        before.Complete();

        OperationRecord record = Assert.Single(recorder.Operations);
        Assert.Equal("after", record.Name);
        Assert.Equal(OperationOutcome.Running, record.Outcome);
    }

    [Fact]
    public void ToString_IsTheSummaryText()
    {
        TimingRecorder recorder = Recorder(_time, ("A", 0, 1));

        Assert.Equal(recorder.Summarize().ToString(), recorder.ToString());
        Assert.StartsWith("1 operation in 1.000 s;", recorder.ToString());
    }
}
