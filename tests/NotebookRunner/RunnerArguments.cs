using System.Globalization;
using NotebookRunner.Hosting;

namespace NotebookRunner;

/// <summary>The runner's command line, parsed; <see cref="Parse"/> explains what is wrong with a bad one.</summary>
internal sealed record RunnerArguments(IReadOnlyList<string> Paths, bool Solutions, string OutputDirectory, TimeSpan CellTimeout, string? LatencyScale, int? BenchmarkCells, KernelEngine Engine, int Parallel, string? SiteDirectory, string? HandIns, string Chapters)
{
    public const string Usage = """
        Executes C# notebooks headlessly in the .NET Interactive C# kernel that Polyglot Notebooks
        and Jupyter run, and writes executed copies with their outputs.

        Usage: dotnet run --project tests/NotebookRunner -- [options] [notebook.ipynb | folder ...]
               dotnet run --project tests/NotebookRunner -- grade FOLDER [options]   (see grade --help)

          (no paths)           every notebooks/*.ipynb under the current folder
          --solutions          replace each exercise cell by its solution (notebooks/solutions/NAME.ipynb,
                               same cell id); fail when a check does not pass
          --out DIR            where executed copies go (default: artifacts/executed, or
                               artifacts/executed-solutions with --solutions)
          --kernel NAME        interactive: the real .NET Interactive C# kernel (default);
                               scripting: the runner's own engine on Roslyn scripting, same contract, faster
          --cell-timeout SEC   how long one cell may run before its notebook is stopped (default: 120)
          --latency-scale X    scale every simulated latency by X, e.g. 0.5 (sets ASYNCLAB_LATENCY_SCALE)
          --parallel N         run up to N notebooks at once, each in its own process (default: the number
                               of processors); the summary keeps the notebooks' order
          --html DIR           also write a static site of the executed notebooks to DIR: an index page
                               and one page per notebook, readable offline from file:// (plotly.js is
                               copied from node_modules/plotly.js-dist-min, see README.md)
          --bench [CELLS]      measure both engines side by side: cold start and time per trivial cell
                               (default: 100 cells)
          --help               show this text

        grade FOLDER           grade learners' notebooks: FOLDER holds one subfolder per learner, named after
                               the learner, with that learner's .ipynb files (FOLDER/ada/07-channels.ipynb);
                               notebooks directly in FOLDER are rejected. Each notebook is matched to its
                               chapter by cell ids, and its exercise cells run inside a copy of the chapter,
                               each notebook in its own process. Writes grades.csv and grades.html to --out
                               (default: artifacts/grades). Also takes --chapters DIR (default: notebooks),
                               --parallel, --cell-timeout, --kernel and --latency-scale.

        Exit code: 0 when every cell ran (and, with --solutions, every check passed); 1 otherwise;
        2 for a bad command line or a notebook that cannot be read. grade exits with 0 once its report
        is written, whatever the learners' results.
        """;

    public static RunnerArguments Parse(IReadOnlyList<string> args)
    {
        var paths = new List<string>();
        var solutions = false;
        string? output = null;
        var timeout = Hosting.RunOptions.DefaultCellTimeout;
        string? scale = null;
        int? bench = null;
        var engine = KernelEngine.Interactive;
        var parallel = Hosting.NotebookBatch.DefaultParallelism;
        string? site = null;
        var grading = args.Count > 0 && args[0] == "grade";
        var chapters = NotebookPaths.DefaultFolder;
        for (var i = grading ? 1 : 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--solutions":
                    solutions = true;
                    break;
                case "--out":
                    output = Value(args, ref i);
                    break;
                case "--cell-timeout":
                    timeout = TimeSpan.FromSeconds(Number(args, ref i, "a number of seconds greater than 0, e.g. 60"));
                    break;
                case "--kernel":
                    var name = Value(args, ref i);
                    engine = Enum.TryParse<KernelEngine>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(name, CultureInfo.InvariantCulture, out _)
                        ? parsed
                        : throw new ArgumentException($"--kernel must be interactive or scripting, but was '{name}'.");
                    break;
                case "--latency-scale":
                    var text = Value(args, ref i);
                    scale = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 100
                        ? text
                        : throw new ArgumentException($"--latency-scale must be a number greater than 0 and at most 100, e.g. 0.5, but was '{text}'.");
                    break;
                case "--parallel":
                    parallel = Count(args, ref i);
                    break;
                case "--html":
                    site = Value(args, ref i);
                    break;
                case "--chapters" when grading:
                    chapters = Value(args, ref i);
                    break;
                case "--bench" when !grading:
                    bench = 100;
                    if (i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var cells))
                    {
                        bench = cells;
                        i++;
                    }

                    if (bench is < 1 or > 10_000)
                    {
                        throw new ArgumentException($"--bench takes a number of cells from 1 to 10000, but was {bench}.");
                    }

                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"Unknown option '{option}'. Run with --help to see the options.");
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (grading && (paths.Count != 1 || solutions || site is not null))
        {
            throw new ArgumentException($"grade takes one folder of learners' folders and no --solutions or --html, e.g. grade hand-ins, but was given: {string.Join(' ', args)}.");
        }

        var defaultOutput = Path.Combine("artifacts", grading ? "grades" : solutions ? "executed-solutions" : "executed");
        return new RunnerArguments(paths, solutions, output ?? defaultOutput, timeout, scale, bench, engine, parallel, site, grading ? paths[0] : null, chapters);
    }

    /// <summary>Reads the value of <c>--parallel</c>: a whole number from 1 to 64.</summary>
    internal static int Count(IReadOnlyList<string> args, ref int i)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 64
            ? count
            : throw new ArgumentException($"{args[i - 1]} must be a whole number of notebooks from 1 to 64, e.g. 2, but was '{text}'.");
    }

    internal static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value. Run with --help to see the options.");

    internal static double Number(IReadOnlyList<string> args, ref int i, string expected)
    {
        var text = Value(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{args[i - 1]} must be {expected}, but was '{text}'.");
    }
}
