namespace AsyncLab.Tests.Support;

/// <summary>Builds recorders and records whose times are given in seconds, for tests of the numbers.</summary>
public static class Recorded
{
    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>A completed record; thread ids 5 → 9 unless given.</summary>
    public static OperationRecord Completed(int sequence, string name, double start, double end, int startThread = 5, int endThread = 9) =>
        new(sequence, name, Seconds(start), Seconds(end), startThread, endThread, OperationOutcome.Completed);

    /// <summary>A record still running.</summary>
    public static OperationRecord Running(int sequence, string name, double start) =>
        new(sequence, name, Seconds(start), end: null, 5, endThreadId: null, OperationOutcome.Running);

    /// <summary>
    /// A recorder on <paramref name="time"/> that recorded each (name, start, end) operation, begun and
    /// ended at those times (end null: still running). The clock is left at the last start or end.
    /// </summary>
    public static TimingRecorder Recorder(ManualTimeProvider time, params (string Name, double Start, double? End)[] operations)
    {
        var recorder = new TimingRecorder(time);
        var handles = new Dictionary<int, OperationHandle>();
        var events = operations
            .SelectMany((o, index) => new[] { (At: o.Start, IsEnd: false, Index: index) }
                .Concat(o.End is double end ? [(At: end, IsEnd: true, Index: index)] : []))
            .OrderBy(e => e.At).ThenByDescending(e => e.IsEnd).ThenBy(e => e.Index);
        foreach (var (at, isEnd, index) in events)
        {
            time.Advance(Seconds(at) - time.Elapsed);
            if (isEnd)
            {
                handles[index].Complete();
            }
            else
            {
                handles[index] = recorder.Begin(operations[index].Name);
            }
        }

        return recorder;
    }
}
