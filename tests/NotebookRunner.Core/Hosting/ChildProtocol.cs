using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookRunner.Kernel;

namespace NotebookRunner.Hosting;

/// <summary>
/// The messages between the runner and a child that executes one notebook. The runner sends one JSON
/// object on the child's standard input: the notebook's folder and the code of its C# cells. The child
/// answers with one JSON object per line on its standard output: <c>ready</c>, then <c>started</c> and
/// <c>finished</c> for each cell. What cells write to the console never reaches that stream.
/// </summary>
internal static class ChildProtocol
{
    public const string Ready = "ready";
    public const string Started = "started";
    public const string Finished = "finished";

    public static string Request(string directory, IEnumerable<string> cells) =>
        new JsonObject { ["directory"] = directory, ["cells"] = new JsonArray([.. cells.Select(cell => JsonValue.Create(cell))]) }.ToJsonString();

    public static (string Directory, IReadOnlyList<string> Cells) ReadRequest(string json)
    {
        var request = JsonNode.Parse(json)!;
        return (request["directory"]!.GetValue<string>(), request["cells"]!.AsArray().Select(cell => cell!.GetValue<string>()).ToList());
    }

    public static string Event(string name, int cell = -1) => new JsonObject { ["event"] = name, ["cell"] = cell }.ToJsonString();

    public static string Result(int cell, CellResult result) =>
        new JsonObject
        {
            ["event"] = Finished,
            ["cell"] = cell,
            ["status"] = result.Status.ToString(),
            ["executionCount"] = result.ExecutionCount,
            ["compileMs"] = result.CompileTime.TotalMilliseconds,
            ["runMs"] = result.RunTime.TotalMilliseconds,
            ["outputs"] = new JsonArray([.. result.Outputs.Select(output => output.DeepClone())]),
        }.ToJsonString();

    public static CellResult ReadResult(JsonNode message) =>
        new(
            Enum.Parse<CellStatus>(message["status"]!.GetValue<string>()),
            message["outputs"]!.AsArray().Select(output => output!.AsObject()).ToList(),
            message["executionCount"]?.GetValue<int>(),
            TimeSpan.FromMilliseconds(message["compileMs"]!.GetValue<double>()),
            TimeSpan.FromMilliseconds(message["runMs"]!.GetValue<double>()));

    public static JsonNode? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
