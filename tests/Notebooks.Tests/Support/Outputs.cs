using System.Text.Json.Nodes;
using NotebookRunner.Kernel;

namespace Notebooks.Tests.Support;

/// <summary>Reading a cell's nbformat outputs in assertions.</summary>
internal static class Outputs
{
    public static IEnumerable<JsonObject> OfType(this CellResult result, string outputType) =>
        result.Outputs.Where(output => output["output_type"]!.GetValue<string>() == outputType);

    /// <summary>Everything written to a stream (<c>stdout</c> or <c>stderr</c>).</summary>
    public static string Stream(this CellResult result, string name) =>
        string.Concat(result.OfType("stream").Where(output => output["name"]!.GetValue<string>() == name).Select(output => output["text"]!.GetValue<string>()));

    /// <summary>The mime types and texts of the cell's <c>execute_result</c>.</summary>
    public static JsonObject ResultData(this CellResult result) =>
        Assert.Single(result.OfType("execute_result"))["data"]!.AsObject();

    /// <summary>The text of the cell's error output.</summary>
    public static string Error(this CellResult result) =>
        Assert.Single(result.OfType("error"))["evalue"]!.GetValue<string>();
}
