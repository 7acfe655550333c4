using System.Text.Json.Nodes;
using NotebookRunner.Formatting;

namespace NotebookRunner.Kernel;

/// <summary>
/// The outputs of one running cell, in nbformat shape. Console writes, displays and errors arrive here
/// from any thread the cell's code runs on; once the cell has finished it is closed, and output from
/// work that outlives the cell is dropped, as in the real kernel.
/// </summary>
public sealed class CellOutputs
{
    private static readonly AsyncLocal<CellOutputs?> CurrentCell = new();
    private readonly List<JsonObject> outputs = [];
    private readonly Lock gate = new();
    private bool closed;

    /// <summary>The cell whose code is running in this async flow, or null outside any cell.</summary>
    public static CellOutputs? Current
    {
        get => CurrentCell.Value;
        internal set => CurrentCell.Value = value;
    }

    /// <summary>Appends text to the cell's <c>stdout</c> or <c>stderr</c> stream output.</summary>
    public void Write(string stream, string text)
    {
        lock (gate)
        {
            if (closed || text.Length == 0)
            {
                return;
            }

            if (outputs.Count > 0 && outputs[^1]["output_type"]!.GetValue<string>() == "stream" && outputs[^1]["name"]!.GetValue<string>() == stream)
            {
                outputs[^1]["text"] = outputs[^1]["text"]!.GetValue<string>() + text;
                return;
            }

            outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = stream, ["text"] = text });
        }
    }

    /// <summary>Shows a value as a <c>display_data</c> output; returns its position for later updates.</summary>
    public int Display(FormattedValue value) => Add(Output("display_data", value));

    /// <summary>Replaces the display at <paramref name="position"/> with a new value, while the cell runs.</summary>
    public void Update(int position, FormattedValue value)
    {
        lock (gate)
        {
            if (!closed && position >= 0)
            {
                outputs[position] = Output("display_data", value);
            }
        }
    }

    /// <summary>Shows the value of the cell's last expression.</summary>
    public void Result(FormattedValue value, int executionCount)
    {
        var output = Output("execute_result", value);
        output["execution_count"] = executionCount;
        Add(output);
    }

    /// <summary>Adds an <c>error</c> output.</summary>
    public void Error(string name, string value, IEnumerable<string> traceback) => Add(ErrorOutput(name, value, traceback));

    /// <summary>An nbformat <c>error</c> output.</summary>
    public static JsonObject ErrorOutput(string name, string value, IEnumerable<string> traceback) =>
        new()
        {
            ["output_type"] = "error",
            ["ename"] = name,
            ["evalue"] = value,
            ["traceback"] = new JsonArray([.. traceback.Select(line => JsonValue.Create(line))]),
        };

    /// <summary>Ends the cell and returns its outputs; later writes are dropped.</summary>
    public IReadOnlyList<JsonObject> Close()
    {
        lock (gate)
        {
            closed = true;
            return [.. outputs];
        }
    }

    private int Add(JsonObject output)
    {
        lock (gate)
        {
            if (closed)
            {
                return -1;
            }

            outputs.Add(output);
            return outputs.Count - 1;
        }
    }

    private static JsonObject Output(string type, FormattedValue value)
    {
        var data = new JsonObject();
        foreach (var (mimeType, text) in value.Data)
        {
            data[mimeType] = text;
        }

        var metadata = new JsonObject();
        if (value.Check is { } check)
        {
            metadata[CheckOutcome.MetadataKey] = check.ToJson();
        }

        return new JsonObject { ["output_type"] = type, ["data"] = data, ["metadata"] = metadata };
    }
}
