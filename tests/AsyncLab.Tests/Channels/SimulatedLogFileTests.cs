using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Channels;

/// <summary>The file's writes wait on the virtual clock, so their times and overlaps are exact.</summary>
public class SimulatedLogFileTests
{
    [Fact]
    public void WriteLineAsync_OneAfterAnother_AppendsInOrder_OneWriteAtATime()
    {
        var (lines, peak, elapsed) = VirtualTimeLoop.Run(async time =>
        {
            var file = new SimulatedLogFile(Io(time), Seconds(0.05));
            await file.WriteLineAsync("first");
            await file.WriteLineAsync("second");
            return (file.Lines, file.PeakConcurrentWrites, time.Elapsed);
        });

        Assert.Equal(["first", "second"], lines);
        Assert.Equal(1, peak);
        Assert.Equal(Seconds(0.1), elapsed);
    }

    [Fact]
    public void WriteLineAsync_Overlapping_CountsThePeak_AndAppendsAsWritesEnd()
    {
        var (lines, peak, inProgress) = VirtualTimeLoop.Run(async time =>
        {
            var file = new SimulatedLogFile(Io(time), Seconds(0.05));
            Task[] writes = [file.WriteLineAsync("a"), file.WriteLineAsync("b"), file.WriteLineAsync("c")];
            int during = file.WritesInProgress;
            await Task.WhenAll(writes);
            return (file.Lines, file.PeakConcurrentWrites, during);
        });

        Assert.Equal(3, peak);
        Assert.Equal(3, inProgress);
        Assert.Equal(["a", "b", "c"], lines.Order());
    }

    [Fact]
    public void WriteLineAsync_Canceled_DoesNotAppend_AndEndsTheWrite()
    {
        var (lines, inProgress, canceled) = VirtualTimeLoop.Run(async time =>
        {
            var file = new SimulatedLogFile(Io(time), Seconds(1));
            using var cancellation = new CancellationTokenSource(Seconds(0.5), time);
            Task write = file.WriteLineAsync("lost", cancellation.Token);
            await Task.WhenAny(write);
            return (file.Lines, file.WritesInProgress, write.IsCanceled);
        });

        Assert.Empty(lines);
        Assert.Equal(0, inProgress);
        Assert.True(canceled);
    }

    [Fact]
    public async Task InvalidArguments_ThrowWithParameterNames()
    {
        var io = new SimulatedIO(new TimingRecorder(TimeProvider.System));
        Assert.Equal("io", Assert.Throws<ArgumentNullException>(() => new SimulatedLogFile(null!, Seconds(1))).ParamName);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedLogFile(io, Seconds(-1)));
        Assert.Equal("writeLatency", negative.ParamName);
        Assert.StartsWith("The write latency must be zero or positive, but was -00:00:01.", negative.Message);
        Assert.Equal("line", (await Assert.ThrowsAsync<ArgumentException>(() => new SimulatedLogFile(io, Seconds(1)).WriteLineAsync(" "))).ParamName);
    }

    private static SimulatedIO Io(TimeProvider time) => new(new TimingRecorder(time), new SimulatedIOOptions { LatencyScale = 1 });
}
