using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Exercises;

public class ExpectTests
{
    private static readonly (string, double, double?)[] Concurrent = [("A", 0, 1), ("B", 0, 1), ("C", 0, 1)];
    private static readonly (string, double, double?)[] Sequential = [("A", 0, 1), ("B", 1, 2), ("C", 2, 3)];

    [Fact]
    public void Operations_CountsRecordedOperations()
    {
        Assert.Equal(new ExpectationOutcome("Records exactly 3 operations", true, "3 operations recorded"), Expect.Operations(3).Evaluate(Run(Sequential)));
        Assert.Equal("1 operation recorded", Expect.Operations(3).Evaluate(Run(("A", 0, 1))).Measured);
        Assert.False(Expect.Operations(3).Evaluate(Run(("A", 0, 1))).Met);
    }

    [Fact]
    public void Overlap_MetOnlyWhenTwoAreInFlightTogether()
    {
        Assert.True(Expect.Overlap().Evaluate(Run(Concurrent)).Met);
        ExpectationOutcome sequential = Expect.Overlap().Evaluate(Run(Sequential));
        Assert.False(sequential.Met);
        Assert.Equal("peak 1 in flight; overlapped for 0.000 s", sequential.Measured);
    }

    [Fact]
    public void AllAtOnce_MetWhenThePeakEqualsTheCount()
    {
        Assert.True(Expect.AllAtOnce().Evaluate(Run(Concurrent)).Met);
        ExpectationOutcome partly = Expect.AllAtOnce().Evaluate(Run(("A", 0, 1), ("B", 0, 1), ("C", 1, 2)));
        Assert.False(partly.Met);
        Assert.Equal("peak 2 of 3 in flight", partly.Measured);
        Assert.False(Expect.AllAtOnce().Evaluate(Run()).Met);
    }

    [Fact]
    public void TotalNearLongest_ConcurrentIsMet_SequentialIsNot()
    {
        Assert.True(Expect.TotalNearLongest().Evaluate(Run(Concurrent)).Met);
        ExpectationOutcome sequential = Expect.TotalNearLongest().Evaluate(Run(Sequential));
        Assert.False(sequential.Met);
        Assert.Equal("elapsed 3.000 s; longest 1.000 s; sum 3.000 s", sequential.Measured);
    }

    [Fact]
    public void TotalNearLongest_JustBelowTheMidpoint_IsMet()
    {
        // Longest 1, sum 3: the midpoint is 2 s.
        Assert.True(Expect.TotalNearLongest().Evaluate(Run(("A", 0, 1), ("B", 0.5, 1.5), ("C", 1, 2))).Met);
        Assert.False(Expect.TotalNearLongest().Evaluate(Run(("A", 0, 1), ("B", 0.5, 1.5), ("C", 1.01, 2.01))).Met);
    }

    [Fact]
    public void TotalNearSum_SequentialIsMet_ConcurrentIsNot()
    {
        Assert.True(Expect.TotalNearSum().Evaluate(Run(Sequential)).Met);
        Assert.False(Expect.TotalNearSum().Evaluate(Run(Concurrent)).Met);
    }

    [Fact]
    public void AtMostInFlight_ComparesThePeakWithTheLimit()
    {
        Assert.True(Expect.AtMostInFlight(3).Evaluate(Run(Concurrent)).Met);
        ExpectationOutcome tooMany = Expect.AtMostInFlight(2).Evaluate(Run(Concurrent));
        Assert.False(tooMany.Met);
        Assert.Equal("peak 3 in flight", tooMany.Measured);
        Assert.Contains("above 2", Expect.AtMostInFlight(2).Hint);
    }

    [Fact]
    public void Result_ComparesValuesAndSequences()
    {
        Assert.True(Expect.Result(42).Evaluate(Run(result: 42)).Met);
        Assert.True(Expect.Result(new[] { 1, 2, 3 }).Evaluate(Run(result: new List<int> { 1, 2, 3 })).Met);
        Assert.True(Expect.Result("abc").Evaluate(Run(result: "abc")).Met);
        Assert.True(Expect.Result(null).Evaluate(Run()).Met);
        ExpectationOutcome wrong = Expect.Result(new[] { "a", "b" }).Evaluate(Run(result: new[] { "b", "a" }));
        Assert.False(wrong.Met);
        Assert.Equal("Returns [\"a\", \"b\"]", wrong.Description);
        Assert.Equal("returned [\"b\", \"a\"]", wrong.Measured);
    }

    [Fact]
    public void Result_LongSequence_IsShortenedInTheText()
    {
        Assert.Equal("returned [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]", Expect.Result(null).Evaluate(Run(result: Enumerable.Range(0, 50))).Measured);
    }

    [Fact]
    public void NothingRunning_NamesTheOperationsStillRunning()
    {
        Assert.True(Expect.NothingRunning().Evaluate(Run(Sequential)).Met);
        ExpectationOutcome running = Expect.NothingRunning().Evaluate(Run(("A", 0, 1), ("B", 0, null)));
        Assert.False(running.Met);
        Assert.Equal("1 still running: B", running.Measured);
    }

    [Fact]
    public void NoException_ReportsExceptionOrTimeout()
    {
        Assert.True(Expect.NoException().Evaluate(Run()).Met);
        Assert.Equal("NotImplementedException: The method or operation is not implemented.", Expect.NoException().Evaluate(Run(exception: new NotImplementedException())).Measured);
        Assert.Equal("did not finish within 30.000 s", Expect.NoException().Evaluate(Run(timedOut: true, wallTime: 30)).Measured);
    }

    [Fact]
    public void Factories_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Expect.Operations(-1)).ParamName);
        var limit = Assert.Throws<ArgumentOutOfRangeException>(() => Expect.AtMostInFlight(0));
        Assert.Equal("limit", limit.ParamName);
        Assert.StartsWith("The limit of operations in flight must be at least 1, but was 0.", limit.Message);
    }

    private static ExerciseRun Run(params (string Name, double Start, double? End)[] operations) => Run(operations, result: null);

    private static ExerciseRun Run(
        (string Name, double Start, double? End)[]? operations = null,
        object? result = null,
        Exception? exception = null,
        bool timedOut = false,
        double wallTime = 0) =>
        new(Recorder(new ManualTimeProvider(), operations ?? []), result, exception, timedOut, Seconds(wallTime));
}
