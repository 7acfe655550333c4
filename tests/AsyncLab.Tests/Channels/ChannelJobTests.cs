using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Channels;

public class ChannelJobTests
{
    [Fact]
    public void Constructor_KeepsNameAndCost_AndComparesByValue()
    {
        var job = new ChannelJob("A1", Seconds(0.2));

        Assert.Equal("A1", job.Name);
        Assert.Equal(Seconds(0.2), job.Cost);
        Assert.Equal(new ChannelJob("A1", Seconds(0.2)), job);
    }

    [Fact]
    public void Constructor_InvalidArguments_ThrowWithParameterNames()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelJob("A1", Seconds(-1)));
        Assert.Equal("cost", negative.ParamName);
        Assert.StartsWith("A job's cost must be zero or positive, but was -00:00:01.", negative.Message);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ChannelJob("", Seconds(1))).ParamName);
    }
}
