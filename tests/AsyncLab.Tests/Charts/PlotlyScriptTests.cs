using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Charts;

[Collection(ProcessWideState.Name)]
public sealed class PlotlyScriptTests : IDisposable
{
    public PlotlyScriptTests() => PlotlyScript.Url = null;

    public void Dispose() => PlotlyScript.Url = null;

    [Fact]
    public void Url_NothingSet_IsTheCdn()
    {
        using var variable = new EnvironmentVariable(PlotlyScript.EnvironmentVariable, null);

        Assert.Equal("https://cdn.plot.ly/plotly-2.35.2.min.js", PlotlyScript.Url);
    }

    [Fact]
    public void Url_EnvironmentVariableSet_IsUsed()
    {
        using var variable = new EnvironmentVariable(PlotlyScript.EnvironmentVariable, "file:///opt/plotly.min.js");

        Assert.Equal("file:///opt/plotly.min.js", PlotlyScript.Url);
    }

    [Fact]
    public void Url_Set_OverridesTheEnvironmentUntilSetToNull()
    {
        using var variable = new EnvironmentVariable(PlotlyScript.EnvironmentVariable, "https://example.org/plotly.js");

        PlotlyScript.Url = "plotly.min.js";
        Assert.Equal("plotly.min.js", PlotlyScript.Url);
        Assert.Contains("\"plotly.min.js\"", TimelineChart.Create("t", []).ToHtml());

        PlotlyScript.Url = null;
        Assert.Equal("https://example.org/plotly.js", PlotlyScript.Url);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/plotly.js")]
    public void Url_SetInvalid_ThrowsSayingWhatIsValid(string url)
    {
        var exception = Assert.Throws<ArgumentException>(() => PlotlyScript.Url = url);

        Assert.Equal("value", exception.ParamName);
        Assert.StartsWith($"The plotly.js URL must be an absolute http, https or file URL, or a path relative to the page, such as \"https://cdn.plot.ly/plotly-2.35.2.min.js\" or \"plotly.min.js\", but was \"{url}\".", exception.Message);
    }

    [Fact]
    public void Url_InvalidEnvironmentVariable_ThrowsNamingIt()
    {
        using var variable = new EnvironmentVariable(PlotlyScript.EnvironmentVariable, "javascript:alert(1)");

        var exception = Assert.Throws<InvalidOperationException>(() => PlotlyScript.Url);

        Assert.StartsWith("The environment variable ASYNCLAB_PLOTLY_URL must be", exception.Message);
        Assert.EndsWith("but was \"javascript:alert(1)\".", exception.Message);
    }
}
