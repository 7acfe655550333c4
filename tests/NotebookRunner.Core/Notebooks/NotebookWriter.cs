using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookRunner.Hosting;

namespace NotebookRunner.Notebooks;

/// <summary>Writes an executed copy of a notebook: every field of the original, plus each cell's outputs.</summary>
public static class NotebookWriter
{
    /// <summary>The key of the cell metadata entry in which an executed copy records each cell's status and time.</summary>
    public const string RunnerMetadataKey = "notebook_runner";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the executed copy of <paramref name="run"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(NotebookRun run, string path)
    {
        var notebook = (JsonObject)run.Notebook.Json.DeepClone();
        notebook["nbformat_minor"] = Math.Max(5, notebook["nbformat_minor"]?.GetValue<int>() ?? 5);
        var cells = notebook["cells"]!.AsArray();
        foreach (var cell in run.Notebook.Cells.Where(cell => cell.CellType == "code"))
        {
            var json = cells[cell.Index]!.AsObject();
            var result = run.Results[cell.Index];
            json["source"] = Lines(cell.Source);
            json["execution_count"] = result.ExecutionCount;
            if (cell.IsExecutable)
            {
                json["metadata"]![RunnerMetadataKey] = new JsonObject
                {
                    ["status"] = result.Status.ToString().ToLowerInvariant(),
                    ["seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
                };
            }
            json["outputs"] = new JsonArray([.. result.Outputs.Select(output => Lines(output))]);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, notebook.ToJsonString(Indented) + "\n");
    }

    /// <summary>Splits multi-line text the way Jupyter stores it: a list of lines that keep their line ends.</summary>
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    private static JsonObject Lines(JsonObject output)
    {
        var copy = (JsonObject)output.DeepClone();
        if (copy["text"] is JsonValue text)
        {
            copy["text"] = Lines(text.GetValue<string>());
        }

        if (copy["data"] is JsonObject data)
        {
            foreach (var mimeType in data.Select(pair => pair.Key).ToList())
            {
                if (mimeType.StartsWith("text/", StringComparison.Ordinal) && data[mimeType] is JsonValue value)
                {
                    data[mimeType] = Lines(value.GetValue<string>());
                }
            }
        }

        return copy;
    }
}
