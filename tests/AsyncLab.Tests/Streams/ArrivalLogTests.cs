using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Streams;

public class ArrivalLogTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Add_StampsEachItemWithTheRecordersTime()
    {
        var log = new ArrivalLog(new TimingRecorder(_time));

        _time.Advance(Seconds(0.25));
        log.Add("page 1");
        _time.Advance(Seconds(0.5));
        log.Add(null);

        Assert.Equal([(Seconds(0.25), "page 1"), (Seconds(0.75), "null")], log.Arrivals);
        Assert.Equal("2 items: page 1 at 0.250 s, null at 0.750 s", log.ToString());
    }

    [Fact]
    public void ToSeries_CountsItemsInHandAsStepsUpToTheGivenEnd()
    {
        var log = new ArrivalLog(new TimingRecorder(_time));
        _time.Advance(Seconds(1));
        log.Add("a");
        log.Add("b");

        ChartSeries series = log.ToSeries("list", until: Seconds(2));

        Assert.Equal([(0.0, 0.0), (1.0, 1.0), (1.0, 2.0), (2.0, 2.0)], series.Points);
        Assert.True(series.Steps);
        Assert.Equal("list", series.Name);
    }

    [Fact]
    public void Constructor_NullRecorder_Throws()
    {
        Assert.Equal("recorder", Assert.Throws<ArgumentNullException>(() => new ArrivalLog(null!)).ParamName);
    }
}
