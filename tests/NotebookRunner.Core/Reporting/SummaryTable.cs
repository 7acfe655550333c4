using System.Globalization;
using System.Text;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;

namespace NotebookRunner.Reporting;

/// <summary>The console summary of a run: one row per notebook, then each failed cell's first error line.</summary>
public static class SummaryTable
{
    /// <summary>Renders the table for <paramref name="runs"/>.</summary>
    public static string Render(IReadOnlyList<NotebookRun> runs)
    {
        var width = Math.Max("Notebook".Length, runs.Select(run => run.Notebook.Name.Length).DefaultIfEmpty(0).Max());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Notebook".PadRight(width)}  Cells  Failed  Checks passed / not yet   Time   Runner  Start");
        foreach (var run in runs)
        {
            var passed = run.Checks.Count(check => check.Passed);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{run.Notebook.Name.PadRight(width)}  {run.CodeCells,5}  {run.FailedCells,6}  {$"{passed} / {run.Checks.Count - passed}",23}  {Seconds(run.WallTime),6}  {Seconds(run.Overhead),6}  {Seconds(run.StartupTime),5}");
        }

        foreach (var (run, cell) in runs.SelectMany(run => run.Notebook.Cells.Where(cell => cell.IsExecutable && run.Results[cell.Index].Status is CellStatus.Failed or CellStatus.TimedOut).Select(cell => (run, cell))))
        {
            var result = run.Results[cell.Index];
            var error = result.Outputs.LastOrDefault(output => output["output_type"]?.GetValue<string>() == "error");
            text.AppendLine(CultureInfo.InvariantCulture, $"{run.Notebook.Name}: cell {cell.Index + 1} (id '{cell.Id}') {result.Status.ToString().ToLowerInvariant()}: {error?["evalue"]?.GetValue<string>()}");
        }

        foreach (var (run, check) in runs.SelectMany(run => run.Checks.Where(check => !check.Passed).Select(check => (run, check))))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{run.Notebook.Name}: check not yet passed: {check.Title}");
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s");
}
