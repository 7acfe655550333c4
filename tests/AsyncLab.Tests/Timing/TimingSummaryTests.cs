using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Timing;

public class TimingSummaryTests
{
    [Fact]
    public void Create_OverlappingOperations_ComputesTotalsPeakAverageAndOverlap()
    {
        OperationRecord[] operations = [Completed(0, "A", 0, 1), Completed(1, "B", 0.5, 2), Completed(2, "C", 2, 3)];

        TimingSummary summary = TimingSummary.Create(operations, Seconds(3));

        Assert.Equal(3, summary.Count);
        Assert.Equal(3, summary.Completed);
        Assert.Equal(Seconds(3), summary.Elapsed);
        Assert.Equal(Seconds(3.5), summary.SumOfDurations);
        Assert.Equal(Seconds(1.5), summary.Longest);
        Assert.Equal(2, summary.PeakConcurrency);
        Assert.Equal(3.5 / 3, summary.AverageConcurrency, precision: 12);
        Assert.Equal(Seconds(0.5), summary.OverlapTime);
        Assert.True(summary.Overlapped);
    }

    [Fact]
    public void Create_BackToBackOperations_AreNotOverlapped()
    {
        OperationRecord[] operations = [Completed(0, "A", 0, 1), Completed(1, "B", 1, 2), Completed(2, "C", 2, 3)];

        TimingSummary summary = TimingSummary.Create(operations, Seconds(3));

        Assert.Equal(1, summary.PeakConcurrency);
        Assert.Equal(TimeSpan.Zero, summary.OverlapTime);
        Assert.False(summary.Overlapped);
        Assert.Equal(1.0, summary.AverageConcurrency, precision: 12);
    }

    [Fact]
    public void Create_RunningOperations_CountUntilNow()
    {
        var time = new ManualTimeProvider();
        TimingRecorder recorder = Recorder(time, ("A", 0, 1), ("B", 0.5, null));
        time.Advance(Seconds(1));

        TimingSummary summary = recorder.Summarize();

        Assert.Equal(1, summary.Running);
        Assert.Equal(1, summary.Completed);
        Assert.Equal(Seconds(2), summary.Elapsed);
        Assert.Equal(Seconds(1.5), summary.Longest);
        Assert.Equal(Seconds(2.5), summary.SumOfDurations);
        Assert.Equal(Seconds(0.5), summary.OverlapTime);
    }

    [Fact]
    public void Create_CountsEachOutcome()
    {
        OperationRecord[] operations =
        [
            Completed(0, "A", 0, 1),
            new(1, "B", Seconds(0), Seconds(1), 1, 1, OperationOutcome.Faulted, "boom"),
            new(2, "C", Seconds(0), Seconds(1), 1, 1, OperationOutcome.Canceled),
            Running(3, "D", 0),
        ];

        TimingSummary summary = TimingSummary.Create(operations, Seconds(1));

        Assert.Equal((4, 1, 1, 1, 1), (summary.Count, summary.Completed, summary.Faulted, summary.Canceled, summary.Running));
        Assert.Equal("4 operations in 1.000 s; sum of durations 4.000 s; peak 4 in flight; average 4.00; overlapped for 1.000 s\n1 completed, 1 faulted, 1 canceled, 1 still running", summary.ToString());
    }

    [Fact]
    public void Create_NoOperations_IsAllZero()
    {
        TimingSummary summary = TimingSummary.Create([], Seconds(5));

        Assert.Equal(0, summary.Count);
        Assert.Equal(TimeSpan.Zero, summary.Elapsed);
        Assert.Equal(TimeSpan.Zero, summary.Longest);
        Assert.Equal(0, summary.PeakConcurrency);
        Assert.Equal(0, summary.AverageConcurrency);
        Assert.Equal("0 operations in 0.000 s; sum of durations 0.000 s; peak 0 in flight; average 0.00; overlapped for 0.000 s\nnothing recorded yet", summary.ToString());
    }

    [Fact]
    public void ToString_ReadsAsASentenceWithSecondsToThreeDecimals()
    {
        OperationRecord[] operations = [Completed(0, "A", 0, 1.002), Completed(1, "B", 0.006, 2.004), Completed(2, "C", 1.004, 1.007)];

        string text = TimingSummary.Create(operations, Seconds(3)).ToString();

        Assert.Equal("3 operations in 2.004 s; sum of durations 3.003 s; peak 2 in flight; average 1.50; overlapped for 0.999 s\n3 completed", text);
    }

    [Fact]
    public void ToHtml_ShowsTheNumbersInATable()
    {
        string html = TimingSummary.Create([Completed(0, "A", 0, 1)], Seconds(1)).ToHtml();

        Assert.StartsWith("<table", html);
        Assert.Contains("1 operation in 1.000 s", html);
        Assert.Contains("Peak in flight", html);
        Assert.DoesNotContain("<style", html);
    }

    [Fact]
    public void Create_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("operations", Assert.Throws<ArgumentNullException>(() => TimingSummary.Create(null!, TimeSpan.Zero)).ParamName);
        Assert.Equal("now", Assert.Throws<ArgumentOutOfRangeException>(() => TimingSummary.Create([], Seconds(-1))).ParamName);
    }
}
