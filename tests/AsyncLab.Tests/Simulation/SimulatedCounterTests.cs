namespace AsyncLab.Tests.Simulation;

public sealed class SimulatedCounterTests
{
    private readonly SimulatedIO _io = new(new TimingRecorder(), new SimulatedIOOptions { LatencyScale = 1 });

    [Fact]
    public async Task ReadThenWrite_OneAtATime_CountsEveryUpdate()
    {
        var counter = new SimulatedCounter(_io, TimeSpan.Zero, initialValue: 10);

        for (int i = 0; i < 3; i++)
        {
            await counter.WriteAsync(await counter.ReadAsync() + 1);
        }

        Assert.Equal(13, counter.Value);
        Assert.Equal(3, counter.Writes);
        Assert.Equal(1, counter.MostUpdatesInProgress);
        Assert.Equal("counter at 13 after 3 writes; at most 1 update in progress at once", counter.ToString());
        Assert.Equal(["read 1", "write 11", "read 2", "write 12", "read 3", "write 13"], _io.Recorder.Operations.Select(o => o.Name));
    }

    [Fact]
    public async Task ReadThenWrite_Interleaved_LosesAnUpdate_AndSaysSo()
    {
        var counter = new SimulatedCounter(_io, TimeSpan.FromMilliseconds(5));

        await Task.WhenAll(UpdateAsync(), UpdateAsync());

        Assert.Equal(1, counter.Value);
        Assert.Equal(2, counter.Writes);
        Assert.Equal(2, counter.MostUpdatesInProgress);

        async Task UpdateAsync() => await counter.WriteAsync(await counter.ReadAsync() + 1);
    }

    [Fact]
    public async Task WriteAsync_TheFailingWrite_ThrowsAndChangesNothing()
    {
        var counter = new SimulatedCounter(_io, TimeSpan.Zero, initialValue: 5, failingWrite: 2);

        await counter.WriteAsync(6);
        await Assert.ThrowsAsync<SimulatedFailureException>(() => counter.WriteAsync(7));
        await counter.WriteAsync(8);

        Assert.Equal(8, counter.Value);
        Assert.Equal(2, counter.Writes);
    }

    [Fact]
    public void Constructor_FailingWriteBelowOne_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedCounter(_io, TimeSpan.Zero, failingWrite: 0));

        Assert.Equal("failingWrite", exception.ParamName);
    }

    [Fact]
    public void Constructor_NegativeLatency_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedCounter(_io, TimeSpan.FromSeconds(-1)));

        Assert.Equal("latency", exception.ParamName);
    }
}
