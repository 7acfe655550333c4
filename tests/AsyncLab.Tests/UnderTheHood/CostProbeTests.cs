using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.UnderTheHood;

/// <summary>Measures the whole process's memory and threads, so it runs in the collection that runs alone.</summary>
[Collection(ProcessWideState.Name)]
public sealed class CostProbeTests
{
    [Fact]
    public async Task PendingTasksAsync_ManyTasks_CostsBytesOfManagedHeapEachAndFinishesThemAll()
    {
        UnitCost cost = await CostProbe.PendingTasksAsync(20_000);

        Assert.Equal("task", cost.Kind);
        Assert.Equal(20_000, cost.Count);
        Assert.InRange(cost.ManagedKBEach * 1024, 16, 1024);   // a task, its state machine box and a continuation: far below 1 KB
    }

    [Fact]
    public void BlockedThreads_SomeThreads_ReserveFarMoreAddressSpaceThanTheyUseAndAreAllJoined()
    {
        int before = ThreadsBesideThePool();

        UnitCost cost = CostProbe.BlockedThreads(50);

        Assert.Equal(50, cost.Count);
        Assert.True(cost.AddressSpaceMBEach * 1024 > 10 * Math.Max(cost.WorkingSetKBEach, 1), cost.ToString());
        // A joined thread has finished its work; the operating system removes it a moment later.
        Assert.True(SpinWait.SpinUntil(() => ThreadsBesideThePool() <= before + 10, TimeSpan.FromSeconds(5)), $"{ThreadsBesideThePool()} threads beside the pool's, {before} before the probe");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public async Task PendingTasksAsync_CountOutOfRange_ThrowsNamingTheParameter(int count)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CostProbe.PendingTasksAsync(count));
        Assert.Equal("count", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2_001)]
    public void BlockedThreads_CountOutOfRange_ThrowsNamingTheParameter(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CostProbe.BlockedThreads(count));
        Assert.Equal("count", error.ParamName);
    }

    /// <summary>The process's threads but the pool's, which come and go with other work: the probe's own threads must be gone.</summary>
    private static int ThreadsBesideThePool() => System.Diagnostics.Process.GetCurrentProcess().Threads.Count - ThreadPool.ThreadCount;
}
