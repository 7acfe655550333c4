using System.Globalization;
using System.Text.Json.Nodes;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner;

/// <summary>
/// Measures both engines side by side on a generated notebook of trivial cells, each run as a whole child
/// process: the wall time of the process, its cold start (until it can run the first cell) and the time
/// per trivial cell. Rounds alternate between the engines, so that a busy machine slows both alike.
/// </summary>
internal static class Benchmark
{
    private const int Rounds = 3;

    /// <summary>How many times faster per cell the scripting engine must be than the real kernel.</summary>
    public const double RequiredSpeedup = 1.5;

    public static async Task<int> RunAsync(int cells, RunOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("notebook-runner-bench-");
        try
        {
            var path = Path.Combine(folder.FullName, "trivial-cells.ipynb");
            await File.WriteAllTextAsync(path, TrivialNotebook(cells).ToJsonString()).ConfigureAwait(false);
            var notebook = NotebookReader.Load(path);
            var engines = new[] { KernelEngine.Scripting, KernelEngine.Interactive };
            var figures = engines.ToDictionary(engine => engine, _ => new EngineFigures());
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var engine in engines)
                {
                    var run = await NotebookProcess.RunAsync(notebook, options with { Engine = engine }).ConfigureAwait(false);
                    if (run.FailedCells > 0)
                    {
                        await Console.Error.WriteLineAsync($"The benchmark notebook failed in {run.FailedCells} cell(s) in the {engine} engine.").ConfigureAwait(false);
                        return 1;
                    }

                    figures[engine].Add(run);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Runner benchmark: {Rounds} child processes per engine, {cells} trivial cells each"));
            Console.WriteLine("  engine        whole process   cold start   per cell (median, p90)");
            foreach (var engine in engines)
            {
                Console.WriteLine(figures[engine].Describe(engine.ToString().ToLowerInvariant()));
            }

            var speedup = Median(figures[KernelEngine.Interactive].PerCell) / Median(figures[KernelEngine.Scripting].PerCell);
            var wholeRatio = Median(figures[KernelEngine.Interactive].Whole) / Median(figures[KernelEngine.Scripting].Whole);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the scripting engine is {speedup:0.00}x faster per cell and {wholeRatio:0.00}x faster as a whole process (required per cell: {RequiredSpeedup:0.0}x)"));
            return speedup >= RequiredSpeedup ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>What the rounds of one engine measured, in milliseconds.</summary>
    private sealed class EngineFigures
    {
        public List<double> Whole { get; } = [];

        public List<double> Starts { get; } = [];

        public List<double> PerCell { get; } = [];

        public void Add(NotebookRun run)
        {
            Whole.Add(run.WallTime.TotalMilliseconds);
            Starts.Add(run.StartupTime.TotalMilliseconds);
            PerCell.AddRange(run.Results.Where(result => result.Status == CellStatus.Ok).Select(result => result.Duration.TotalMilliseconds));
        }

        public string Describe(string name) => string.Create(
            CultureInfo.InvariantCulture,
            $"  {name,-12}  {Median(Whole) / 1000,10:0.00} s   {Median(Starts),7:0} ms   {Median(PerCell),6:0.0} ms, {Percentile(PerCell, 0.9):0.0} ms");
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
