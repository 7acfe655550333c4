using NotebookRunner;
using NotebookRunner.Hosting;
using NotebookRunner.Notebooks;
using NotebookRunner.Reporting;

if (args is [ChildCommand.ChildFlag, var engine])
{
    await ChildEngines.RunAsync(Enum.Parse<KernelEngine>(engine, ignoreCase: true));
    return 0;
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(RunnerArguments.Usage);
    return 0;
}

RunnerArguments arguments;
List<NotebookDocument> notebooks;
try
{
    arguments = RunnerArguments.Parse(args);
    var options = new RunOptions(Self(), arguments.CellTimeout)
    {
        Engine = arguments.Engine,
        Environment = arguments.LatencyScale is { } scale ? new Dictionary<string, string> { ["ASYNCLAB_LATENCY_SCALE"] = scale } : new Dictionary<string, string>(),
    };
    if (arguments.BenchmarkCells is { } cells)
    {
        return await Benchmark.RunAsync(cells, options);
    }

    notebooks = NotebookPaths.Resolve(arguments.Paths).Select(NotebookReader.Load).Select(notebook => arguments.Solutions ? Solutions.Apply(notebook) : notebook).ToList();
    if (notebooks.Count == 0)
    {
        throw new ArgumentException($"No .ipynb files found in {string.Join(", ", arguments.Paths)}.");
    }

    options = options with { CellFinished = (cell, result) => Console.WriteLine($"  {result.Status.ToString().ToLowerInvariant(),-8} {result.Duration.TotalSeconds,7:0.000} s  cell {cell.Index + 1} ({cell.Id})") };
    var runs = new List<NotebookRun>();
    foreach (var notebook in notebooks)
    {
        Console.WriteLine($"Running {Path.GetRelativePath(Environment.CurrentDirectory, notebook.Path)} ...");
        var run = await NotebookProcess.RunAsync(notebook, options);
        NotebookWriter.Write(run, Path.Combine(arguments.OutputDirectory, Path.GetFileName(notebook.Path)));
        runs.Add(run);
    }

    Console.WriteLine();
    Console.Write(SummaryTable.Render(runs));
    Console.WriteLine($"Executed copies: {Path.GetFullPath(arguments.OutputDirectory)}");
    var failed = runs.Sum(run => run.FailedCells) > 0 || (arguments.Solutions && runs.Any(run => run.Checks.Any(check => !check.Passed)));
    return failed ? 1 : 0;
}
catch (Exception error) when (error is ArgumentException or NotebookException or FileNotFoundException)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

static ChildCommand Self() => ChildCommand.ForRunner(AppContext.BaseDirectory);
