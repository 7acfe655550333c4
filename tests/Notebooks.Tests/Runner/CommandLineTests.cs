using System.Text.Json.Nodes;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>The runner's command line: exit codes, messages, the summary table and the executed copies.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unknown option '--bogus'. Run with --help to see the options.")]
    [InlineData(new[] { "--cell-timeout", "soon" }, "--cell-timeout must be a number of seconds greater than 0, e.g. 60, but was 'soon'.")]
    [InlineData(new[] { "--latency-scale", "-1" }, "--latency-scale must be a number greater than 0 and at most 100, e.g. 0.5, but was '-1'.")]
    [InlineData(new[] { "--kernel", "fsharp" }, "--kernel must be interactive or scripting, but was 'fsharp'.")]
    [InlineData(new[] { "--bench", "0" }, "--bench takes a number of cells from 1 to 10000, but was 0.")]
    [InlineData(new[] { "--parallel", "0" }, "--parallel must be a whole number of notebooks from 1 to 64, e.g. 2, but was '0'.")]
    [InlineData(new[] { "--parallel", "two" }, "--parallel must be a whole number of notebooks from 1 to 64, e.g. 2, but was 'two'.")]
    [InlineData(new[] { "grade", "a", "b" }, "grade takes one folder of learners' folders and no --solutions or --html")]
    [InlineData(new[] { "missing.ipynb" }, "missing.ipynb: the file does not exist.")]
    [InlineData(new string[0], "There is no 'notebooks' folder in")]
    public async Task BadInput_ExitsWith2_AndOneClearMessage(string[] arguments, string message)
    {
        var (exitCode, output, error) = await RunnerProcess.RunAsync(files.Folder, arguments);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(output);
    }

    [Fact]
    public async Task HungNotebook_IsStopped_AndTheNextNotebookStillRuns()
    {
        files.Write("nb/a-hangs.ipynb", "Console.WriteLine(\"started\");", "while (true) { }");
        files.Write("nb/b-works.ipynb", "Console.WriteLine(\"second notebook\");");

        var (exitCode, output, _) = await RunnerProcess.RunAsync(files.Folder, "nb", "--cell-timeout", "3", "--out", "executed", "--parallel", "1");

        Assert.Equal(1, exitCode);
        Assert.Matches(@"a-hangs\s+2\s+1\s+0 / 0", output);
        Assert.Matches(@"b-works\s+1\s+0\s+0 / 0", output);
        Assert.Contains("a-hangs: cell 2 (id 'c1') timedout: The cell ran for more than 3 s", output, StringComparison.Ordinal);
        Assert.Matches(@"Running nb/a-hangs.ipynb ...\n  ok +\d+\.\d{3} s  cell 1 \(c0\)\n  timedout +3\.000 s  cell 2 \(c1\)\n", output);
        var second = JsonNode.Parse(File.ReadAllText(Path.Combine(files.Folder, "executed", "b-works.ipynb")))!;
        Assert.Equal("second notebook\n", second["cells"]![0]!["outputs"]![0]!["text"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Parallel_RunsNotebooksAtOnce_AndKeepsTheSummaryInTheirOrder()
    {
        // a is slow and b is quick: run two at once, b ends first, yet the summary lists a, then b.
        files.Write("nb/a-slow.ipynb", "await Task.Delay(TimeSpan.FromSeconds(8));");
        files.Write("nb/b-quick.ipynb", "Console.WriteLine(\"quick\");");

        var (exitCode, output, _) = await RunnerProcess.RunAsync(files.Folder, "nb", "--parallel", "2", "--kernel", "scripting", "--out", "executed");

        Assert.Equal(0, exitCode);
        Assert.True(output.IndexOf("Ran nb/b-quick.ipynb", StringComparison.Ordinal) < output.IndexOf("Ran nb/a-slow.ipynb", StringComparison.Ordinal), output);
        Assert.Matches(@"Notebook +Cells.*\na-slow +1 +0 .*\nb-quick +1 +0 ", output);
        Assert.Contains("up to 2 at once", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(files.Folder, "executed", "a-slow.ipynb")));
        Assert.True(File.Exists(Path.Combine(files.Folder, "executed", "b-quick.ipynb")));
    }

    [Fact]
    public async Task SolutionsMode_FailsWhenACheckIsNotPassed_AndCountsChecks()
    {
        var check = "record CheckResult(string Title, bool Passed);\nnew CheckResult(\"answer is 42\", answer == 42)";
        files.Write("ch/quiz.ipynb", TestNotebook.Code("ex", "var answer = 0;", NotebookCell.ExerciseTag), TestNotebook.Code("check", check));
        files.Write("ch/solutions/quiz.ipynb", TestNotebook.Code("ex", "var answer = 41;"));

        var starter = await RunnerProcess.RunAsync(files.Folder, "ch/quiz.ipynb");
        var solved = await RunnerProcess.RunAsync(files.Folder, "ch/quiz.ipynb", "--solutions");

        Assert.Equal(0, starter.ExitCode);
        Assert.Matches(@"quiz\s+2\s+0\s+0 / 1", starter.Output);
        Assert.Equal(1, solved.ExitCode);
        Assert.Contains("quiz: check not yet passed: answer is 42", solved.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(files.Folder, "artifacts", "executed-solutions", "quiz.ipynb")));
    }
}
