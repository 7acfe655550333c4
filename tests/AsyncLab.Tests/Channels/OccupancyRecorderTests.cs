using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Channels;

public class OccupancyRecorderTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Record_AtSeveralTimes_KeepsEachSampleOnTheRecordersClock()
    {
        var occupancy = new OccupancyRecorder(new TimingRecorder(_time));

        occupancy.Record(1);
        _time.Advance(Seconds(0.5));
        occupancy.Record(3);
        _time.Advance(Seconds(1));
        occupancy.Record(2);

        Assert.Equal([(Seconds(0), 1), (Seconds(0.5), 3), (Seconds(1.5), 2)], occupancy.Samples);
        Assert.Equal(3, occupancy.Peak);
    }

    [Fact]
    public void Peak_NothingRecorded_IsZero()
    {
        Assert.Equal(0, new OccupancyRecorder(new TimingRecorder(_time)).Peak);
    }

    [Fact]
    public void ToSeries_StartsEmptyAtZero_AndHoldsEachCountAsAStep()
    {
        var occupancy = new OccupancyRecorder(new TimingRecorder(_time));
        _time.Advance(Seconds(0.25));
        occupancy.Record(2);

        ChartSeries series = occupancy.ToSeries("in the channel");

        Assert.Equal("in the channel", series.Name);
        Assert.True(series.Steps);
        Assert.Equal([(0.0, 0.0), (0.25, 2.0)], series.Points);
    }

    [Fact]
    public void Record_SharesTheTimelineOfARecorderThatWasReset()
    {
        var recorder = new TimingRecorder(_time);
        var occupancy = new OccupancyRecorder(recorder);
        _time.Advance(Seconds(2));
        recorder.Reset();
        _time.Advance(Seconds(0.5));

        occupancy.Record(1);

        Assert.Equal(Seconds(0.5), occupancy.Samples.Single().At);
    }

    [Fact]
    public void InvalidArguments_ThrowWithParameterNames()
    {
        var occupancy = new OccupancyRecorder(new TimingRecorder(_time));

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => occupancy.Record(-1));
        Assert.Equal("count", negative.ParamName);
        Assert.StartsWith("The number of items must be zero or positive, but was -1.", negative.Message);
        Assert.Equal("recorder", Assert.Throws<ArgumentNullException>(() => new OccupancyRecorder(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => occupancy.ToSeries(" ")).ParamName);
    }
}
