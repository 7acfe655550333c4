namespace AsyncLab.Tests.UnderTheHood;

public sealed class LoopbackConnectionsTests
{
    [Fact]
    public async Task AnswerAll_PendingReads_CompleteWithOneByteEach()
    {
        await using LoopbackConnections connections = await LoopbackConnections.OpenAsync(50);
        Task<int>[] reads = [.. connections.Clients.Select(client => client.ReadAsync(new byte[1]).AsTask())];
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        Assert.All(reads, read => Assert.False(read.IsCompleted));

        connections.AnswerAll();

        Assert.Equal(Enumerable.Repeat(1, 50), await Task.WhenAll(reads));
    }

    [Fact]
    public async Task DisposeAsync_OpenConnections_ClosesThem()
    {
        LoopbackConnections connections = await LoopbackConnections.OpenAsync(3);
        var client = connections.Clients[0];

        await connections.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => client.ReadByte());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task OpenAsync_CountOutOfRange_ThrowsNamingTheParameter(int count)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LoopbackConnections.OpenAsync(count));
        Assert.Equal("count", error.ParamName);
    }
}
