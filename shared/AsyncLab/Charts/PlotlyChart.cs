using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AsyncLab;

/// <summary>
/// A plotly figure that displays itself in a notebook: as an interactive chart in HTML, and as text
/// (numbers and an ASCII chart) where HTML is not available. Make one with <see cref="TimelineChart"/>,
/// <see cref="ConcurrencyChart"/> or <see cref="ComparisonChart"/>.
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed class PlotlyChart : IHtmlFormattable
{
    private readonly string _text;

    internal PlotlyChart(string title, JsonObject figure, string text)
    {
        Title = title;
        FigureJson = figure.ToJsonString();
        _text = text;
    }

    /// <summary>The title shown above the chart.</summary>
    public string Title { get; }

    /// <summary>The plotly figure as JSON: <c>{"data":[...],"layout":{...}}</c>.</summary>
    public string FigureJson { get; }

    /// <summary>
    /// A <c>&lt;div&gt;</c> and a script that draws the chart with plotly.js, loading it once per page from
    /// <see cref="PlotlyScript.Url"/> if needed. Without JavaScript the div shows the text version.
    /// </summary>
    public string ToHtml()
    {
        string id = "asynclab-chart-" + Guid.NewGuid().ToString("N");
        return new StringBuilder()
            .Append("<div id=\"").Append(id).Append("\" style=\"width:100%\">")
            .Append("<pre style=\"margin:0\">").Append(Html.Encode(_text)).Append("</pre></div>")
            .Append("<script>").Append(PlotlyLoader.Script)
            .Append('(').Append(JsonSerializer.Serialize(id))
            .Append(", ").Append(JsonSerializer.Serialize(PlotlyScript.Url))
            .Append(", ").Append(FigureJson).Append(");</script>")
            .ToString();
    }

    /// <summary>A complete HTML page showing the chart, for viewing outside a notebook or taking screenshots.</summary>
    public string ToStandaloneHtml() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.Encode(Title) + "</title>\n</head>\n"
        + "<body style=\"font-family:system-ui,sans-serif;margin:2rem\">\n" + ToHtml() + "\n</body>\n</html>\n";

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> (UTF-8), replacing the file if it exists.</summary>
    /// <param name="path">The file to write, such as "timeline.html".</param>
    public void SaveHtml(string path)
    {
        Require.NotBlank(path, "The file path");
        File.WriteAllText(path, ToStandaloneHtml());
    }

    /// <summary>The text version: the title, the numbers and, for timelines, an ASCII chart.</summary>
    public override string ToString() => _text;
}
