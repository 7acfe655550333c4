using NotebookRunner;
using NotebookRunner.Grading;
using NotebookRunner.Hosting;
using NotebookRunner.Notebooks;
using NotebookRunner.Reporting;
using NotebookRunner.Site;

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

    if (arguments.HandIns is { } handIns)
    {
        var grading = System.Diagnostics.Stopwatch.StartNew();
        var book = await Grader.GradeAsync(handIns, arguments.Chapters, options, arguments.Parallel);
        book.Write(arguments.OutputDirectory);
        foreach (var status in Enum.GetValues<GradeStatus>())
        {
            Console.WriteLine($"{GradeBook.Name(status),-10} {book.Grades.Count(grade => grade.Status == status)}");
        }

        foreach (var note in book.Notes)
        {
            Console.WriteLine($"{note.Learner}: {note.Text}");
        }

        Console.WriteLine($"Graded {book.Learners.Count} learner(s) on {book.Columns.Count} check(s) in {grading.Elapsed.TotalSeconds:0.0} s: {Path.GetFullPath(Path.Combine(arguments.OutputDirectory, GradeBook.HtmlFile))}");
        return 0;
    }

    var plotly = arguments.SiteDirectory is null ? null : SiteWriter.FindPlotly(Environment.CurrentDirectory, AppContext.BaseDirectory);

    notebooks = NotebookPaths.Resolve(arguments.Paths).Select(NotebookReader.Load).Select(notebook => arguments.Solutions ? Solutions.Apply(notebook) : notebook).ToList();
    if (notebooks.Count == 0)
    {
        throw new ArgumentException($"No .ipynb files found in {string.Join(", ", arguments.Paths)}.");
    }

    if (arguments.SiteDirectory is not null && Environment.GetEnvironmentVariable(SiteWriter.PlotlyUrlVariable) is null)
    {
        // Charts then load plotly.js from the copy beside the pages, never from the network.
        options = options with { Environment = new Dictionary<string, string>(options.Environment) { [SiteWriter.PlotlyUrlVariable] = SiteWriter.PlotlyFile } };
    }

    var live = arguments.Parallel == 1 || notebooks.Count == 1;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var runs = await NotebookBatch.RunAsync(
        notebooks,
        arguments.Parallel,
        notebook =>
        {
            if (live)
            {
                Console.WriteLine($"Running {Relative(notebook.Path)} ...");
            }

            return options with { CellFinished = (cell, result) => Progress(notebook, cell, result, live) };
        },
        run =>
        {
            NotebookWriter.Write(run, Path.Combine(arguments.OutputDirectory, Path.GetFileName(run.Notebook.Path)));
            if (!live)
            {
                Console.WriteLine($"Ran {Relative(run.Notebook.Path)} in {run.WallTime.TotalSeconds:0.0} s: {run.FailedCells} failed cell(s)");
            }
        });
    var wallTime = clock.Elapsed;

    Console.WriteLine();
    Console.Write(SummaryTable.Render(runs));
    Console.WriteLine($"Executed copies: {Path.GetFullPath(arguments.OutputDirectory)}");
    var cellTime = runs.SelectMany(run => run.Results).Aggregate(TimeSpan.Zero, (sum, result) => sum + result.RunTime);
    Console.WriteLine($"Wall time: {wallTime.TotalSeconds:0.0} s for {runs.Count} notebook(s), up to {arguments.Parallel} at once; the cells' own run time: {cellTime.TotalSeconds:0.0} s");
    if (arguments.SiteDirectory is { } site)
    {
        var pages = SiteWriter.Write(runs, site, plotly!);
        Console.WriteLine($"Site: {Path.GetFullPath(Path.Combine(site, "index.html"))} ({pages} pages)");
    }
    var failed = runs.Sum(run => run.FailedCells) > 0 || (arguments.Solutions && runs.Any(run => run.Checks.Any(check => !check.Passed)));
    return failed ? 1 : 0;
}
catch (Exception error) when (error is ArgumentException or NotebookException or FileNotFoundException)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

static void Progress(NotebookDocument notebook, NotebookCell cell, NotebookRunner.Kernel.CellResult result, bool live)
{
    if (live)
    {
        Console.WriteLine($"  {result.Status.ToString().ToLowerInvariant(),-8} {result.Duration.TotalSeconds,7:0.000} s  cell {cell.Index + 1} ({cell.Id})");
    }
    else if (result.Status is NotebookRunner.Kernel.CellStatus.Failed or NotebookRunner.Kernel.CellStatus.TimedOut)
    {
        Console.WriteLine($"  {notebook.Name}: {result.Status.ToString().ToLowerInvariant()} cell {cell.Index + 1} ({cell.Id})");
    }
}

static ChildCommand Self() => ChildCommand.ForRunner(AppContext.BaseDirectory);
