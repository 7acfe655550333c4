using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using NotebookRunner.Formatting;
using NotebookRunner.Kernel;

namespace NotebookRunner.Interactive;

/// <summary>
/// Turns the events the kernel published while a cell ran into nbformat outputs, the way VS Code's
/// Polyglot Notebooks applies them to a cell: console writes join the stream output before them;
/// displays and the return value become outputs; an update replaces the output that carries its
/// display id, and an update whose id was never displayed is added as a new output (which is what the
/// front end shows for <c>display(x).Update(y)</c> in the final release: see CONTRIBUTING.md, "Live updates").
/// </summary>
internal static class KernelEventOutputs
{
    public static (CellStatus Status, IReadOnlyList<System.Text.Json.Nodes.JsonObject> Outputs) Read(IEnumerable<KernelEvent> events, int executionCount)
    {
        var outputs = new CellOutputs();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var status = CellStatus.Ok;
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced output:
                    outputs.Write("stdout", Text(output));
                    break;
                case StandardErrorValueProduced error:
                    outputs.Write("stderr", Text(error));
                    break;
                case DisplayedValueUpdated update when update.ValueId is { } id && positions.TryGetValue(id, out var position):
                    outputs.Update(position, Format(update));
                    break;
                case DisplayedValueProduced or DisplayedValueUpdated:
                    var display = (DisplayEvent)e;
                    var at = outputs.Display(Format(display));
                    if (display.ValueId is { } valueId)
                    {
                        positions[valueId] = at;
                    }

                    break;
                case ReturnValueProduced result:
                    outputs.Result(Format(result), executionCount);
                    break;
                case CommandFailed failed:
                    Fail(failed, outputs);
                    status = CellStatus.Failed;
                    break;
            }
        }

        return (status, outputs.Close());
    }

    private static string Text(DisplayEvent e) => string.Concat(e.FormattedValues.Select(value => value.Value));

    private static FormattedValue Format(DisplayEvent e) =>
        new(
            [.. e.FormattedValues.Where(value => !value.SuppressDisplay).Select(value => new KeyValuePair<string, string>(value.MimeType, value.Value))],
            e.Value is null ? null : CheckOutcome.Recognise(e.Value));

    private static void Fail(CommandFailed failed, CellOutputs outputs)
    {
        if (failed.Exception is { } error and not CodeSubmissionCompilationErrorException)
        {
            outputs.Error(error.GetType().FullName ?? error.GetType().Name, error.Message, error.ToString().Split('\n'));
            return;
        }

        var lines = failed.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        outputs.Error(failed.Exception is null ? "Error" : "CompilationError", lines[0], lines);
    }

}
