using System.Diagnostics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Watches the <see cref="TaskStatus"/> of a few tasks and records each status as an operation on a
/// <see cref="TimingRecorder"/>, so that a timeline shows every task's life cycle: one lane per task and status.
/// </summary>
/// <example>
/// <code>
/// Task watching = TaskStatusTimeline.WatchAsync([("Task.Run", Task.Run(() => Thread.Sleep(100)))], TimeSpan.FromSeconds(2));
/// (await watching).Timeline("Status over time")
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
    /// <returns>A recorder with one operation per task and status, named "name: Status".</returns>
    public static async Task<TimingRecorder> WatchAsync(IReadOnlyList<(string Name, Task Task)> tasks, TimeSpan limit)
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

        var recorder = new TimingRecorder();
        var watched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Watch(recorder, tasks, limit);
            watched.SetResult();
        })
        { IsBackground = true, Name = "TaskStatusTimeline" };
        thread.Start();
        await watched.Task.ConfigureAwait(false);
        thread.Join();
        return recorder;
    }

    private static void Watch(TimingRecorder recorder, IReadOnlyList<(string Name, Task Task)> tasks, TimeSpan limit)
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
                    current[index] = (status, recorder.Begin(tasks[index].Name + ": " + status));
                }
            }

            if (tasks.All(t => t.Task.IsCompleted) || Stopwatch.GetElapsedTime(started) > limit)
            {
                break;
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(1));
        }

        Thread.Sleep(TimeSpan.FromMilliseconds(30));   // a final status gets a visible length on the chart
        foreach (var entry in current)
        {
            entry?.Handle.Complete();
        }
    }
}
