namespace AsyncLab;

/// <summary>
/// What <see cref="Count"/> waiting units (pending tasks or blocked threads) cost the process, measured by
/// <see cref="CostProbe"/>: the time to start them and the growth of memory while they all wait.
/// </summary>
/// <param name="Kind">"task" or "thread".</param>
/// <param name="Count">How many units waited at the same time.</param>
/// <param name="StartTime">How long it took to start them all (for threads: until every one was running).</param>
/// <param name="ManagedBytes">Growth of the live managed heap (<see cref="GC.GetTotalMemory(bool)"/> after a full collection).</param>
/// <param name="WorkingSetBytes">Growth of the working set: physical memory the process actually uses.</param>
/// <param name="PrivateBytes">Growth of the private bytes: memory committed on Windows; on Linux, every private mapping, touched or not.</param>
/// <param name="AddressSpaceBytes">Growth of the virtual size: address space reserved, whether or not any memory backs it.</param>
public sealed record UnitCost(string Kind, int Count, TimeSpan StartTime, long ManagedBytes, long WorkingSetBytes, long PrivateBytes, long AddressSpaceBytes)
{
    /// <summary>The start time of one unit, in microseconds.</summary>
    public double StartMicrosecondsEach => StartTime.TotalMilliseconds * 1000 / Count;

    /// <summary>Managed heap per unit, in KB (1 KB = 1,024 bytes).</summary>
    public double ManagedKBEach => ManagedBytes / 1024.0 / Count;

    /// <summary>Working set per unit, in KB.</summary>
    public double WorkingSetKBEach => WorkingSetBytes / 1024.0 / Count;

    /// <summary>Private bytes per unit, in MB (1 MB = 1,048,576 bytes).</summary>
    public double PrivateMBEach => PrivateBytes / 1048576.0 / Count;

    /// <summary>Address space per unit, in MB.</summary>
    public double AddressSpaceMBEach => AddressSpaceBytes / 1048576.0 / Count;

    /// <summary>"1,000 threads: start 120 µs each; working set 20.1 KB, private 8.00 MB, address space 8.00 MB each; managed heap 0.2 KB each".</summary>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Count,7:N0} {Kind}s: start {StartMicrosecondsEach,6:0.00} µs each; working set {WorkingSetKBEach,6:0.00} KB, private {PrivateMBEach,5:0.00} MB, address space {AddressSpaceMBEach,5:0.00} MB each; managed heap {ManagedKBEach:0.000} KB each");
}
