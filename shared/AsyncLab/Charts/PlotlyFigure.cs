using System.Text.Json.Nodes;

namespace AsyncLab;

/// <summary>The parts every AsyncLab figure shares: a transparent background and neutral grid, readable on light and dark themes.</summary>
internal static class PlotlyFigure
{
    /// <summary>Bars and lines that are not coloured by outcome.</summary>
    public const string NeutralColor = "#4c78a8";

    private const string GridColor = "rgba(128,128,128,0.25)";

    /// <summary>A figure: <c>{"data": data, "layout": layout}</c>.</summary>
    public static JsonObject Create(JsonArray data, JsonObject layout) => new() { ["data"] = data, ["layout"] = layout };

    /// <summary>A layout with the (escaped) title, a height in pixels and the two axes.</summary>
    public static JsonObject Layout(string title, int height, JsonObject xAxis, JsonObject yAxis) => new()
    {
        ["title"] = new JsonObject { ["text"] = Html.Encode(title) },
        ["height"] = height,
        ["margin"] = new JsonObject { ["t"] = 60, ["r"] = 20, ["b"] = 50 },
        ["paper_bgcolor"] = "rgba(0,0,0,0)",
        ["plot_bgcolor"] = "rgba(0,0,0,0)",
        ["font"] = new JsonObject { ["color"] = "#888888" },
        ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.2 },
        ["xaxis"] = xAxis,
        ["yaxis"] = yAxis,
    };

    /// <summary>An axis with an (escaped) title that starts at zero.</summary>
    public static JsonObject Axis(string title) => new()
    {
        ["title"] = new JsonObject { ["text"] = Html.Encode(title) },
        ["rangemode"] = "tozero",
        ["gridcolor"] = GridColor,
        ["zerolinecolor"] = GridColor,
    };

    /// <summary>An axis whose positions 0, 1, 2... are labelled with (escaped) <paramref name="labels"/>, so equal labels stay apart.</summary>
    public static JsonObject CategoryAxis(IReadOnlyList<string> labels) => new()
    {
        ["tickvals"] = Array(Enumerable.Range(0, labels.Count).Select(i => (JsonNode)i)),
        ["ticktext"] = Array(labels.Select(label => (JsonNode)Html.Encode(label))),
        ["automargin"] = true,
        ["showgrid"] = false,
        ["zeroline"] = false,
    };

    /// <summary>A JSON array of the given values.</summary>
    public static JsonArray Array(IEnumerable<JsonNode> values) => [.. values];

    /// <summary>Seconds as a JSON number.</summary>
    public static JsonNode Seconds(TimeSpan value) => value.TotalSeconds;
}
