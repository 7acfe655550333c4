using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Simulation;

[Collection(ProcessWideState.Name)]
public class LatencyScaleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Current_Unset_IsOne(string? value)
    {
        using var variable = new EnvironmentVariable(LatencyScale.EnvironmentVariable, value);

        Assert.Equal(1.0, LatencyScale.Current);
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("100", 100)]
    [InlineData(" 2 ", 2)]
    [InlineData("1e-2", 0.01)]
    public void Current_ValidNumber_IsParsedWithInvariantCulture(string value, double expected)
    {
        using var variable = new EnvironmentVariable(LatencyScale.EnvironmentVariable, value);

        Assert.Equal(expected, LatencyScale.Current);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0,5")]
    public void Current_InvalidValue_ThrowsNamingVariableValueAndExample(string value)
    {
        using var variable = new EnvironmentVariable(LatencyScale.EnvironmentVariable, value);

        var exception = Assert.Throws<InvalidOperationException>(() => LatencyScale.Current);

        Assert.Equal($"The environment variable ASYNCLAB_LATENCY_SCALE must be a number greater than 0 and at most 100, such as 0.5, but was \"{value}\".", exception.Message);
    }

    [Fact]
    public void SimulatedIO_WithoutScaleOption_UsesCurrentScale()
    {
        using var variable = new EnvironmentVariable(LatencyScale.EnvironmentVariable, "0.25");

        Assert.Equal(0.25, new SimulatedIO(new TimingRecorder()).LatencyScale);
    }

    [Fact]
    public void Apply_MultipliesTheLatency()
    {
        Assert.Equal(Seconds(1), LatencyScale.Apply(Seconds(2), 0.5));
        Assert.Equal(TimeSpan.Zero, LatencyScale.Apply(TimeSpan.Zero, 3));
    }

    [Fact]
    public void Apply_NegativeLatency_ThrowsWithTheValue()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => LatencyScale.Apply(Seconds(-1), 1));

        Assert.Equal("latency", exception.ParamName);
        Assert.StartsWith("Latency must be zero or positive, but was -00:00:01.", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100.01)]
    [InlineData(double.PositiveInfinity)]
    public void Apply_InvalidScale_Throws(double scale)
    {
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => LatencyScale.Apply(Seconds(1), scale)).ParamName);
    }
}
