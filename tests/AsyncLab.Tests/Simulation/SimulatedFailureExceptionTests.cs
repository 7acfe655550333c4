namespace AsyncLab.Tests.Simulation;

public class SimulatedFailureExceptionTests
{
    [Fact]
    public void Constructors_SetMessageAndOperationName()
    {
        var inner = new InvalidOperationException();

        Assert.Equal("A simulated operation failed.", new SimulatedFailureException().Message);
        Assert.Equal("", new SimulatedFailureException("boom").OperationName);
        Assert.Same(inner, new SimulatedFailureException("boom", inner).InnerException);
        var named = new SimulatedFailureException("boom", "payment");
        Assert.Equal(("boom", "payment"), (named.Message, named.OperationName));
    }

    [Fact]
    public void Constructor_NullOperationName_Throws()
    {
        Assert.Equal("operationName", Assert.Throws<ArgumentNullException>(() => new SimulatedFailureException("boom", operationName: null!)).ParamName);
    }
}
