namespace AsyncLab.Tests.Simulation;

public class TooManyRequestsExceptionTests
{
    [Fact]
    public void Constructors_SetMessageRequestNameAndCapacity()
    {
        var inner = new InvalidOperationException();

        Assert.Equal("Too many requests: the service is at its capacity.", new TooManyRequestsException().Message);
        Assert.Equal(("", 0), (new TooManyRequestsException("full").RequestName, new TooManyRequestsException("full").Capacity));
        Assert.Same(inner, new TooManyRequestsException("full", inner).InnerException);
        var refused = new TooManyRequestsException("page 5", 4);
        Assert.Equal(("page 5", 4), (refused.RequestName, refused.Capacity));
        Assert.Equal("429 Too Many Requests: \"page 5\" was refused, the service already serves 4 at once.", refused.Message);
    }

    [Fact]
    public void Constructor_NullRequestName_Throws()
    {
        Assert.Equal("requestName", Assert.Throws<ArgumentNullException>(() => new TooManyRequestsException(null!, 4)).ParamName);
    }
}
