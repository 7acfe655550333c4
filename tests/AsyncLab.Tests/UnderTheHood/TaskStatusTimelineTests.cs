namespace AsyncLab.Tests.UnderTheHood;

public sealed class TaskStatusTimelineTests
{
    [Fact]
    public async Task WatchAsync_TasksThatEndDifferently_RecordEachStatusInOrderPerTask()
    {
        var gate = new TaskCompletionSource();
        async Task WaitThenFailAsync()
        {
            await gate.Task;
            throw new InvalidOperationException("failed");
        }

        var cold = new Task(() => { });
        using var cancellation = new CancellationTokenSource();
        Task<(string Group, TimingRecorder Recorder)[]> watching = TaskStatusTimeline.WatchAsync(
            [("cold", cold), ("fails", WaitThenFailAsync()), ("canceled", Task.Delay(Timeout.InfiniteTimeSpan, cancellation.Token))], TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        cold.Start();
        gate.SetResult();
        await cancellation.CancelAsync();

        var watched = await watching;

        Assert.Equal(["cold", "fails", "canceled"], watched.Select(w => w.Group));
        string[] Statuses(int index) => [.. watched[index].Recorder.Operations.Select(o => o.Name)];
        Assert.Equal("Created", Statuses(0)[0]);
        Assert.Equal("RanToCompletion", Statuses(0)[^1]);
        Assert.Equal(["WaitingForActivation", "Faulted"], Statuses(1));
        Assert.Equal(["WaitingForActivation", "Canceled"], Statuses(2));
        Assert.Equal(OperationOutcome.Faulted, watched[1].Recorder.Operations[^1].Outcome);
        Assert.Equal(OperationOutcome.Canceled, watched[2].Recorder.Operations[^1].Outcome);
    }

    [Fact]
    public async Task WatchAsync_NoTasks_ThrowsNamingTheParameter()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TaskStatusTimeline.WatchAsync([], TimeSpan.FromSeconds(1)));
        Assert.Equal("tasks", error.ParamName);
    }

    [Fact]
    public async Task WatchAsync_LimitOfZero_ThrowsNamingTheParameter()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TaskStatusTimeline.WatchAsync([("done", Task.CompletedTask)], TimeSpan.Zero));
        Assert.Equal("limit", error.ParamName);
    }
}
