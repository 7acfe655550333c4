using System.Text.RegularExpressions;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Charts;

public partial class PlotlyChartTests
{
    private static readonly PlotlyChart Chart = TimelineChart.Create("Sequential", [Completed(0, "A", 0, 1)]);

    [Fact]
    public void ToHtml_IsADivWithAUniqueIdAndAnInlineScript()
    {
        string first = Chart.ToHtml();
        string second = Chart.ToHtml();

        string id = DivId().Match(first).Groups[1].Value;
        Assert.StartsWith("<div id=\"asynclab-chart-", first);
        Assert.Contains($"(\"{id}\", ", first);
        Assert.NotEqual(id, DivId().Match(second).Groups[1].Value);
        Assert.Equal(1, first.Split("<script>").Length - 1);
    }

    [Fact]
    public void ToHtml_WithoutJavaScript_ShowsTheTextVersion()
    {
        Assert.Contains("<pre style=\"margin:0\">Sequential — 1.000 s", Chart.ToHtml());
    }

    [Fact]
    public void ToHtml_ReusesWindowPlotlyAndSharesOneLoadingPromisePerPage()
    {
        string html = Chart.ToHtml();

        Assert.Contains("if (window.Plotly) { draw(window.Plotly); return; }", html);
        Assert.Contains("var loads = window.asyncLabPlotlyLoads = window.asyncLabPlotlyLoads || {};", html);
        Assert.Contains("if (!loads[url]) {", html);
        Assert.Contains("loads[url].then(draw, fail);", html);
        Assert.Contains("Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displaylogo: false })", html);
    }

    [Fact]
    public void ToHtml_ToleratesRequireJs()
    {
        string html = Chart.ToHtml();

        Assert.Contains("typeof window.require === 'function' && typeof window.define === 'function' && window.define.amd", html);
        Assert.Contains("window.require.config({ paths: { plotly: href.replace(/\\.js$/, '') } });", html);
        Assert.Contains("window.require(['plotly'], resolve, reject);", html);
    }

    [Fact]
    public void ToHtml_LoadFailure_ExplainsHowToConfigureTheUrl()
    {
        string html = Chart.ToHtml();

        Assert.Contains("plotly.js did not load from ' + url", html);
        Assert.Contains("PlotlyScript.Url", html);
        Assert.Contains("ASYNCLAB_PLOTLY_URL", html);
    }

    [Fact]
    public void ToHtml_EmbedsTheFigureJson()
    {
        Assert.Contains(Chart.FigureJson + ");</script>", Chart.ToHtml());
    }

    [Fact]
    public void ToStandaloneHtml_IsACompletePage()
    {
        string page = Chart.ToStandaloneHtml();

        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<meta charset=\"utf-8\">", page);
        Assert.Contains("<title>Sequential — 1.000 s", page);
        Assert.Contains("<div id=\"asynclab-chart-", page);
        Assert.EndsWith("</html>\n", page);
    }

    [Fact]
    public void SaveHtml_WritesTheStandalonePage()
    {
        string path = Path.Combine(Path.GetTempPath(), $"asynclab-{Guid.NewGuid():N}.html");
        try
        {
            Chart.SaveHtml(path);

            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveHtml_BlankPath_Throws()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Chart.SaveHtml(" ")).ParamName);
    }

    [GeneratedRegex("<div id=\"([^\"]+)\"")]
    private static partial Regex DivId();
}
