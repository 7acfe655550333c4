namespace AsyncLab.Tests.Simulation;

public class SimulatedConnectionsTests
{
    private readonly SimulatedConnections _connections = new();

    [Fact]
    public void Open_CountsTheConnectionAsOpen()
    {
        SimulatedConnection db = _connections.Open("db");

        Assert.True(db.IsOpen);
        Assert.Equal("db", db.Name);
        Assert.Equal(1, _connections.OpenCount);
        Assert.Equal(1, _connections.OpenedCount);
        Assert.Equal(["db"], _connections.OpenNames);
        Assert.Equal("1 of 1 connection open: db", _connections.ToString());
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheConnection_CountBackToZero()
    {
        await using (_connections.Open("source"))
        {
            Assert.Equal(1, _connections.OpenCount);
        }

        Assert.Equal(0, _connections.OpenCount);
        Assert.Equal(1, _connections.OpenedCount);
        Assert.Equal("0 of 1 connection open", _connections.ToString());
    }

    [Fact]
    public async Task DisposeAsync_Twice_ClosesOnce()
    {
        SimulatedConnection first = _connections.Open("first");
        SimulatedConnection second = _connections.Open("second");

        await first.DisposeAsync();
        first.Dispose();

        Assert.False(first.IsOpen);
        Assert.True(second.IsOpen);
        Assert.Equal(["second"], _connections.OpenNames);
        Assert.Equal("first (closed)", first.ToString());
    }

    [Fact]
    public async Task AwaitUsing_WhenTheBodyIsCanceled_StillCloses()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using SimulatedConnection db = _connections.Open("db");
            cancellation.Token.ThrowIfCancellationRequested();
        });

        Assert.Equal(0, _connections.OpenCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Open_BlankName_Throws(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => _connections.Open(name));
        Assert.Equal("name", exception.ParamName);
        Assert.Contains("A connection name must contain at least one visible character", exception.Message);
    }

    [Fact]
    public void Open_NullName_Throws()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => _connections.Open(null!)).ParamName);
    }
}
