using System.Globalization;
using System.Text.Json.Nodes;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner;

/// <summary>
/// Measures the runner itself on a generated notebook of trivial cells: the cold start of a child
/// process (until it can run the first cell) and the time per trivial cell (compile, run, format).
/// </summary>
internal static class Benchmark
{
    private const int Rounds = 3;

    public static async Task<int> RunAsync(int cells, RunOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("notebook-runner-bench-");
        try
        {
            var path = Path.Combine(folder.FullName, "trivial-cells.ipynb");
            await File.WriteAllTextAsync(path, TrivialNotebook(cells).ToJsonString()).ConfigureAwait(false);
            var notebook = NotebookReader.Load(path);
            var starts = new List<double>();
            var perCell = new List<double>();
            var compile = new List<double>();
            var execute = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var run = await NotebookProcess.RunAsync(notebook, options).ConfigureAwait(false);
                if (run.FailedCells > 0)
                {
                    await Console.Error.WriteLineAsync($"The benchmark notebook failed in {run.FailedCells} cell(s).").ConfigureAwait(false);
                    return 1;
                }

                starts.Add(run.StartupTime.TotalMilliseconds);
                var cellResults = run.Results.Where(result => result.Status == CellStatus.Ok).ToList();
                perCell.AddRange(cellResults.Select(result => (result.CompileTime + result.RunTime).TotalMilliseconds));
                compile.AddRange(cellResults.Select(result => result.CompileTime.TotalMilliseconds));
                execute.AddRange(cellResults.Select(result => result.RunTime.TotalMilliseconds));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Runner benchmark: {Rounds} child processes, {cells} trivial cells each
                  cold start to the first cell: median {Median(starts):0} ms (each: {string.Join(", ", starts.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms)
                  per trivial cell: median {Median(perCell):0.0} ms, 90th percentile {Percentile(perCell, 0.9):0.0} ms
                    of which compiling: median {Median(compile):0.0} ms; loading and running: median {Median(execute):0.0} ms
                """));
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonObject TrivialNotebook(int cells)
    {
        var cellArray = new JsonArray();
        for (var i = 0; i < cells; i++)
        {
            var source = (i % 3) switch
            {
                0 => $"var value{i} = {i};",
                1 => $"value{i - 1} + 1",
                _ => $"Console.WriteLine(value{i - 2});",
            };
            cellArray.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["id"] = $"cell-{i}",
                ["metadata"] = new JsonObject(),
                ["execution_count"] = null,
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }

        return new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = cellArray };
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];
    }
}
