using static System.FormattableString;

namespace AsyncLab;

/// <summary>What <see cref="LoggerTrial.RunAsync"/> measured: how long callers waited, and what reached the file by the time the logger was disposed.</summary>
public sealed class LoggerTrialReport
{
    internal LoggerTrialReport(IReadOnlyList<string> logged, IReadOnlyList<TimeSpan> callTimes, TimeSpan writeTime, IReadOnlyList<string> writtenAtClose, int writesInProgressAtClose, int peakConcurrentWrites)
    {
        Logged = logged;
        CallTimes = callTimes;
        WriteTime = writeTime;
        WrittenAtClose = writtenAtClose;
        WritesInProgressAtClose = writesInProgressAtClose;
        PeakConcurrentWrites = peakConcurrentWrites;
    }

    /// <summary>The lines the callers logged, in order.</summary>
    public IReadOnlyList<string> Logged { get; }

    /// <summary>How long each call to the logger's log method took, on the real clock.</summary>
    public IReadOnlyList<TimeSpan> CallTimes { get; }

    /// <summary>How long one write to the file takes, after the latency scale.</summary>
    public TimeSpan WriteTime { get; }

    /// <summary>The lines in the file when <c>DisposeAsync</c> returned.</summary>
    public IReadOnlyList<string> WrittenAtClose { get; }

    /// <summary>How many writes were still in progress when <c>DisposeAsync</c> returned.</summary>
    public int WritesInProgressAtClose { get; }

    /// <summary>The most writes to the file in progress at the same time.</summary>
    public int PeakConcurrentWrites { get; }

    /// <summary>All the log calls added up.</summary>
    public TimeSpan TotalCallTime => CallTimes.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);

    /// <summary>"14 lines logged in 0.412 ms in total; 14 written when disposed; at most 1 write at a time".</summary>
    public override string ToString() => Invariant(
        $"{Logged.Count} lines logged in {TotalCallTime.TotalMilliseconds:0.###} ms in total; {WrittenAtClose.Count} written when disposed; at most {PeakConcurrentWrites} write(s) at a time");
}
