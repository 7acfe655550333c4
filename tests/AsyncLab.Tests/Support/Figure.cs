using System.Text.Json.Nodes;

namespace AsyncLab.Tests.Support;

/// <summary>Reads a chart's FigureJson back, as plotly would.</summary>
public static class Figure
{
    public static JsonObject Parse(PlotlyChart chart) => JsonNode.Parse(chart.FigureJson)!.AsObject();

    public static JsonArray Traces(PlotlyChart chart) => Parse(chart)["data"]!.AsArray();

    public static JsonObject Layout(PlotlyChart chart) => Parse(chart)["layout"]!.AsObject();

    public static JsonObject Trace(PlotlyChart chart, string name) =>
        Traces(chart).Single(t => (string?)t!["name"] == name)!.AsObject();

    public static T[] Values<T>(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<T>())];
}
