using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Timing;

public class ConcurrencyTests
{
    [Fact]
    public void Steps_OverlappingOperations_CountsOperationsInFlight()
    {
        OperationRecord[] operations = [Completed(0, "A", 0, 1), Completed(1, "B", 0.5, 2)];

        var steps = Concurrency.Steps(operations, Seconds(5));

        Assert.Equal(
            [new(Seconds(0), 1), new(Seconds(0.5), 2), new(Seconds(1), 1), new ConcurrencyStep(Seconds(2), 0)],
            steps);
    }

    [Fact]
    public void Steps_BackToBackOperations_DoNotOverlap()
    {
        OperationRecord[] operations = [Completed(0, "A", 0, 1), Completed(1, "B", 1, 2)];

        var steps = Concurrency.Steps(operations, Seconds(2));

        Assert.Equal([new(Seconds(0), 1), new ConcurrencyStep(Seconds(2), 0)], steps);
    }

    [Fact]
    public void Steps_RunningOperation_CountsUntilNow()
    {
        OperationRecord[] operations = [Completed(0, "A", 0, 1), Running(1, "B", 0.5)];

        var steps = Concurrency.Steps(operations, Seconds(3));

        Assert.Equal(new ConcurrencyStep(Seconds(3), 0), steps[^1]);
        Assert.Equal(new ConcurrencyStep(Seconds(1), 1), steps[^2]);
    }

    [Fact]
    public void Steps_NoOperations_ReturnsNoSteps()
    {
        Assert.Empty(Concurrency.Steps([], TimeSpan.Zero));
    }

    [Fact]
    public void Steps_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("operations", Assert.Throws<ArgumentNullException>(() => Concurrency.Steps(null!, TimeSpan.Zero)).ParamName);
        var nullItem = Assert.Throws<ArgumentException>(() => Concurrency.Steps([Completed(0, "A", 0, 1), null!], TimeSpan.Zero));
        Assert.Equal("operations", nullItem.ParamName);
        Assert.StartsWith("The operations must not contain null, but the item at index 1 was null.", nullItem.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Concurrency.Steps([], Seconds(-1)));
        Assert.Equal("now", negative.ParamName);
        Assert.StartsWith("The current time must be zero or positive, but was -00:00:01.", negative.Message);
    }
}
