using System.Diagnostics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Watches the <see cref="TaskStatus"/> of a few tasks and records each status as an operation, one
/// <see cref="TimingRecorder"/> per task, so that <see cref="TimelineChart.Compare"/> shows every task's life cycle:
/// one group per task, one lane per status. A final <c>Faulted</c> is drawn as a failure, <c>Canceled</c> as canceled.
/// </summary>
/// <example>
/// <code>
/// var watched = await TaskStatusTimeline.WatchAsync([("Task.Run", Task.Run(() => Thread.Sleep(100)))], TimeSpan.FromSeconds(2));
/// TimelineChart.Compare("Status over time", watched)
/// </code>
/// </example>
public static class TaskStatusTimeline
{
    private static readonly TimeSpan s_maximumLimit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Samples the status of each task about every millisecond, on a thread of its own, until every task has finished
    /// or <paramref name="limit"/> has passed; a final status is drawn until the end of the watch.
    /// </summary>
    /// <param name="tasks">The tasks, each with the name of its lane.</param>
    /// <param name="limit">How long to watch at most, more than zero and at most one minute.</param>
    /// <returns>Each task's name with a recorder that holds one operation per status, named after the status; all recorders start together.</returns>
    public static async Task<(string Group, TimingRecorder Recorder)[]> WatchAsync(IReadOnlyList<(string Name, Task Task)> tasks, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0 || tasks.Any(t => t.Task is null || string.IsNullOrWhiteSpace(t.Name)))
        {
            throw new ArgumentException(Invariant($"Give at least one task, each with a name, but {tasks.Count} were given, or one had no task or name."), nameof(tasks));
        }

        if (limit <= TimeSpan.Zero || limit > s_maximumLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), Invariant($"The limit must be more than zero and at most one minute, but was {limit}."));
        }

        (string Group, TimingRecorder Recorder)[] recorders = [.. tasks.Select(t => (t.Name, new TimingRecorder()))];
        var watched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Watch(recorders, tasks, limit);
            watched.SetResult();
        })
        { IsBackground = true, Name = "TaskStatusTimeline" };
        thread.Start();
        await watched.Task.ConfigureAwait(false);
        thread.Join();
        return recorders;
    }

    private static void Watch((string Group, TimingRecorder Recorder)[] recorders, IReadOnlyList<(string Name, Task Task)> tasks, TimeSpan limit)
    {
        var current = new (TaskStatus Status, OperationHandle Handle)?[tasks.Count];
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            for (int index = 0; index < tasks.Count; index++)
            {
                TaskStatus status = tasks[index].Task.Status;
                if (current[index]?.Status != status)
                {
                    current[index]?.Handle.Complete();
                    current[index] = (status, recorders[index].Recorder.Begin(status.ToString()));
                }
            }

            if (tasks.All(t => t.Task.IsCompleted) || Stopwatch.GetElapsedTime(started) > limit)
            {
                break;
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(1));
        }

        Thread.Sleep(TimeSpan.FromMilliseconds(30));   // a final status gets a visible length on the chart
        foreach (var (status, handle) in current.OfType<(TaskStatus, OperationHandle)>())
        {
            switch (status)
            {
                case TaskStatus.Faulted:
                    handle.Fail(new InvalidOperationException("The task faulted."));
                    break;
                case TaskStatus.Canceled:
                    handle.Cancel();
                    break;
                default:
                    handle.Complete();
                    break;
            }
        }
    }
}
