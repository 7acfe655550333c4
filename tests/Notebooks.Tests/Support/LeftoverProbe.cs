using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner.Hosting;
using NotebookRunner.Notebooks;

namespace Notebooks.Tests.Support;

/// <summary>
/// Detects work a notebook leaves running. Probe cells added after the setup cell and at the end
/// count the process's active timers (every pending <c>Task.Delay</c>, simulated operation,
/// <c>WaitAsync</c> timeout or <c>CancelAfter</c> holds one) and the thread pool's queued work items,
/// in either engine.
/// </summary>
internal static partial class LeftoverProbe
{
    private const string Before = "probe-before", After = "probe-after";
    /// <summary>The fewest timers and queued items seen over 0.2 s: the kernel's own short-lived work (an event it publishes, a progress timer) comes and goes, a leftover stays.</summary>
    private const string Code = """
        long timers = long.MaxValue, queued = long.MaxValue;
        for (var look = 0; look < 10; look++) { timers = Math.Min(timers, System.Threading.Timer.ActiveCount); queued = Math.Min(queued, System.Threading.ThreadPool.PendingWorkItemCount); await Task.Delay(20); }
        Console.Write($"timers {timers} queued {queued}");
        """;

    /// <summary>The notebook with a probe cell after its setup cell and another at its end.</summary>
    public static NotebookDocument AddTo(NotebookDocument notebook)
    {
        var json = (JsonObject)notebook.Json.DeepClone();
        var cells = json["cells"]!.AsArray();
        var list = notebook.Cells.Select(cell => cell with { Json = cells[cell.Index]!.AsObject() }).ToList();
        var setup = list.FindIndex(cell => cell.Id == "setup");
        list.Insert(setup + 1, Cell(Before));
        list.Add(Cell(After));
        cells.Insert(setup + 1, list[setup + 1].Json);
        cells.Add(list[^1].Json);
        return notebook with { Json = json, Cells = list.Select((cell, index) => cell with { Index = index }).ToList() };
    }

    /// <summary>What the end probe found beyond what the first probe found: empty when nothing was left running.</summary>
    public static string Leftovers(NotebookRun run)
    {
        var (timersBefore, queuedBefore) = Read(run, Before);
        var (timersAfter, queuedAfter) = Read(run, After);
        return timersAfter <= timersBefore && queuedAfter <= queuedBefore
            ? ""
            : $"{timersAfter - timersBefore} timer(s) still pending and {queuedAfter - queuedBefore} work item(s) still queued when the notebook ended";
    }

    private static (int Timers, int Queued) Read(NotebookRun run, string id)
    {
        var cell = run.Notebook.Cells.Single(cell => cell.Id == id);
        var match = Counts().Match(run.Results[cell.Index].Stream("stdout"));
        Assert.True(match.Success, $"the probe cell '{id}' printed nothing readable");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static NotebookCell Cell(string id)
    {
        var json = TestNotebook.Code(id, Code);
        return new NotebookCell(0, id, "code", NotebookCell.CSharpKernel, Code, [], json);
    }

    [GeneratedRegex(@"^timers (\d+) queued (\d+)$")]
    private static partial Regex Counts();
}
