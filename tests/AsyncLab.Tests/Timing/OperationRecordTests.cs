using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Timing;

public class OperationRecordTests
{
    [Fact]
    public void Duration_IsEndMinusStart()
    {
        Assert.Equal(Seconds(1.5), Completed(0, "A", 0.5, 2).Duration);
        Assert.Null(Running(0, "A", 0.5).Duration);
    }

    [Fact]
    public void Constructor_NegativeSequence_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Completed(-1, "A", 0, 1));

        Assert.Equal("sequence", exception.ParamName);
        Assert.StartsWith("The sequence number must be zero or positive, but was -1.", exception.Message);
    }

    [Fact]
    public void Constructor_EndBeforeStart_Throws()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Completed(0, "A", 2, 1));

        Assert.Equal("end", exception.ParamName);
        Assert.StartsWith("The end of an operation must not be earlier than its start (00:00:02), but was 00:00:01.", exception.Message);
    }

    [Fact]
    public void Constructor_EndDoesNotMatchOutcome_Throws()
    {
        Assert.Equal("end", Assert.Throws<ArgumentException>(() => new OperationRecord(0, "A", Seconds(0), Seconds(1), 1, 1, OperationOutcome.Running)).ParamName);
        Assert.Equal("end", Assert.Throws<ArgumentException>(() => new OperationRecord(0, "A", Seconds(0), null, 1, null, OperationOutcome.Completed)).ParamName);
    }

    [Fact]
    public void Constructor_EndThreadWithoutEnd_Throws()
    {
        Assert.Equal("endThreadId", Assert.Throws<ArgumentException>(() => new OperationRecord(0, "A", Seconds(0), null, 1, 7, OperationOutcome.Running)).ParamName);
    }

    [Fact]
    public void Constructor_ErrorMessageOnCompleted_Throws()
    {
        Assert.Equal("errorMessage", Assert.Throws<ArgumentException>(() => new OperationRecord(0, "A", Seconds(0), Seconds(1), 1, 1, OperationOutcome.Completed, "boom")).ParamName);
    }

    [Fact]
    public void Constructor_UndefinedOutcome_Throws()
    {
        Assert.Equal("outcome", Assert.Throws<ArgumentOutOfRangeException>(() => new OperationRecord(0, "A", Seconds(0), Seconds(1), 1, 1, (OperationOutcome)9)).ParamName);
    }

    [Fact]
    public void Constructor_BlankNameOrNegativeStart_Throws()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Completed(0, " ", 0, 1)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => Completed(0, "A", -1, 1)).ParamName);
    }
}
