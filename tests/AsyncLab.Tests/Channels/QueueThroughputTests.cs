namespace AsyncLab.Tests.Channels;

/// <summary>Every queue delivers every item (each method checks the consumer's sum) and reports a positive time.</summary>
public class QueueThroughputTests
{
    [Fact]
    public async Task EachQueue_PassesEveryItem_AndReportsItsTime()
    {
        TimeSpan[] times =
        [
            await QueueThroughput.ChannelAsync(10_000),
            await QueueThroughput.LockedQueueAsync(10_000),
            await QueueThroughput.BlockingCollectionAsync(10_000),
        ];

        Assert.All(times, time => Assert.True(time > TimeSpan.Zero));
    }

    [Fact]
    public async Task EachQueue_OneItem_Works()
    {
        Assert.True(await QueueThroughput.ChannelAsync(1) >= TimeSpan.Zero);
        Assert.True(await QueueThroughput.LockedQueueAsync(1) >= TimeSpan.Zero);
        Assert.True(await QueueThroughput.BlockingCollectionAsync(1) >= TimeSpan.Zero);
    }

    [Fact]
    public async Task EachQueue_NoItems_ThrowsWithTheParameterName()
    {
        foreach (Func<Task> measure in new Func<Task>[] { () => QueueThroughput.ChannelAsync(0), () => QueueThroughput.LockedQueueAsync(0), () => QueueThroughput.BlockingCollectionAsync(-1) })
        {
            var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(measure);
            Assert.Equal("items", exception.ParamName);
            Assert.StartsWith("The number of items must be at least 1, but was", exception.Message);
        }
    }
}
