namespace AsyncLab.Tests.Simulation;

public class SimulatedIOOptionsTests
{
    [Fact]
    public void Defaults_AreCurrentScaleNoFailuresRandomSeed()
    {
        var options = new SimulatedIOOptions();

        Assert.Null(options.LatencyScale);
        Assert.Equal(0, options.FailureProbability);
        Assert.Null(options.Seed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void LatencyScale_OutOfRange_Throws(double scale)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedIOOptions { LatencyScale = scale });

        Assert.Equal("value", exception.ParamName);
        Assert.StartsWith("A latency scale must be a number greater than 0 and at most 100, such as 0.5, but was", exception.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void FailureProbability_OutOfRange_Throws(double probability)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedIOOptions { FailureProbability = probability });

        Assert.Equal("value", exception.ParamName);
        Assert.Contains(probability.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message);
        Assert.StartsWith("The failure probability must be between 0 and 1", exception.Message);
    }

    [Fact]
    public void Setters_ValidValues_AreKept()
    {
        var options = new SimulatedIOOptions { LatencyScale = 100, FailureProbability = 1, Seed = 3 };

        Assert.Equal((100.0, 1.0, 3), (options.LatencyScale, options.FailureProbability, options.Seed));
    }
}
