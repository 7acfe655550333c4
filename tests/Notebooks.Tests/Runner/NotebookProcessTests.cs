using System.Text.Json.Nodes;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>Each notebook runs in its own child process; a hung or crashing cell loses nothing else.</summary>
public sealed class NotebookProcessTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task RunAsync_ExecutesCellsInOrder_WithSharedStateAndMarkdownSkipped()
    {
        var path = files.Write("ok.ipynb", TestNotebook.Code("a", "var x = 20;"), TestNotebook.Markdown("m", "# Between"), TestNotebook.Code("b", "x * 2 + 2"));

        var run = await NotebookProcess.RunAsync(NotebookReader.Load(path), Options(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, run.FailedCells);
        Assert.Equal([CellStatus.Ok, CellStatus.NotRun, CellStatus.Ok], run.Results.Select(result => result.Status));
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", run.Results[2].ResultData()["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(run.StartupTime > TimeSpan.Zero && run.StartupTime < run.WallTime);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RunAsync_HungCell_TimesOut_KeepsEarlierOutputs_AndLaterCellsDoNotRun(KernelEngine engine)
    {
        var path = files.Write("hangs.ipynb", "Console.WriteLine(\"before\");", "await new TaskCompletionSource().Task;", "Console.WriteLine(\"after\");");

        var run = await NotebookProcess.RunAsync(NotebookReader.Load(path), Engines.Options(engine, TimeSpan.FromSeconds(3)));

        Assert.Equal([CellStatus.Ok, CellStatus.TimedOut, CellStatus.NotRun], run.Results.Select(result => result.Status));
        Assert.Equal(TimeSpan.FromSeconds(3), run.Results[1].Duration);
        Assert.Equal("before\n", run.Results[0].Stream("stdout"));
        Assert.StartsWith("The cell ran for more than 3 s, so the runner stopped the notebook's process.", run.Results[1].Error(), StringComparison.Ordinal);
        Assert.Equal(2, run.FailedCells);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RunAsync_CellThatEndsTheProcess_IsReportedWithTheReason(KernelEngine engine)
    {
        var path = files.Write("crashes.ipynb", "async void Explode() { await Task.Yield(); throw new InvalidOperationException(\"lost in the pool\"); }", "Explode();\nawait Task.Delay(5000);", "1");

        var run = await NotebookProcess.RunAsync(NotebookReader.Load(path), Engines.Options(engine));

        Assert.Equal([CellStatus.Ok, CellStatus.Failed, CellStatus.NotRun], run.Results.Select(result => result.Status));
        var traceback = string.Join('\n', Assert.Single(run.Results[1].OfType("error"))["traceback"]!.AsArray().Select(line => line!.GetValue<string>()));
        Assert.Contains("The notebook's process ended unexpectedly", traceback, StringComparison.Ordinal);
        Assert.Contains("lost in the pool", traceback, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RunAsync_CellForAKernelTheRunnerLacks_FailsWithItsMessage_AndTheOthersRun(KernelEngine engine)
    {
        var fsharp = TestNotebook.Code("fs", "printfn \"hi\"");
        fsharp["metadata"]!["polyglot_notebook"]!["kernelName"] = "fsharp";
        var path = files.Write("foreign.ipynb", TestNotebook.Code("a", "var x = 20;"), fsharp, TestNotebook.Code("b", "Console.Write(x + 1);"));

        var run = await NotebookProcess.RunAsync(NotebookReader.Load(path), Engines.Options(engine));

        Assert.Equal([CellStatus.Ok, CellStatus.Failed, CellStatus.Ok], run.Results.Select(result => result.Status));
        Assert.Equal(run.Notebook.Cells[1].ForeignKernelMessage, run.Results[1].Error());
        Assert.Equal("21", run.Results[2].Stream("stdout"));
        Assert.Equal(1, run.FailedCells);
    }

    [Fact]
    public async Task Write_ProducesAnExecutedNbformat45Copy()
    {
        var path = files.Write("copy.ipynb", "Console.WriteLine(\"line 1\\nline 2\");\n\"done\"");
        var run = await NotebookProcess.RunAsync(NotebookReader.Load(path), Options(TimeSpan.FromSeconds(60)));
        var copy = Path.Combine(files.Folder, "out", "copy.ipynb");

        NotebookWriter.Write(run, copy);

        var notebook = JsonNode.Parse(File.ReadAllText(copy))!;
        Assert.Equal(4, notebook["nbformat"]!.GetValue<int>());
        Assert.Equal(5, notebook["nbformat_minor"]!.GetValue<int>());
        Assert.Equal(TestNotebook.ChapterMetadata().ToJsonString(), notebook["metadata"]!.ToJsonString());
        var cell = notebook["cells"]![0]!;
        Assert.Equal(1, cell["execution_count"]!.GetValue<int>());
        Assert.Equal(["line 1\n", "line 2\n"], cell["outputs"]![0]!["text"]!.AsArray().Select(line => line!.GetValue<string>()));
        Assert.Equal(1, cell["outputs"]![1]!["execution_count"]!.GetValue<int>());
        Assert.Equal("ok", cell["metadata"]![NotebookWriter.RunnerMetadataKey]!["status"]!.GetValue<string>());
        Assert.InRange(cell["metadata"]![NotebookWriter.RunnerMetadataKey]!["seconds"]!.GetValue<double>(), 0, run.WallTime.TotalSeconds);
        Assert.Equal(["done"], cell["outputs"]![1]!["data"]!["text/plain"]!.AsArray().Select(line => line!.GetValue<string>()));
    }

    private static RunOptions Options(TimeSpan cellTimeout) => new(Repository.Runner, cellTimeout);
}
