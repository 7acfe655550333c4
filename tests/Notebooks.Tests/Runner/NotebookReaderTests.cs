using System.Text.Json.Nodes;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>Bad input gets one clear message naming the file and the problem.</summary>
public sealed class NotebookReaderTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var error = Assert.Throws<NotebookException>(() => NotebookReader.Load("notebooks/99-nowhere.ipynb"));

        Assert.Equal("notebooks/99-nowhere.ipynb: the file does not exist. Pass the path of an .ipynb file, e.g. notebooks/01-sequential-vs-concurrent.ipynb.", error.Message);
    }

    [Fact]
    public void Load_MalformedJson_NamesTheFileAndTheLine()
    {
        var path = files.WriteText("broken.ipynb", "{\n  \"nbformat\": 4,\n  \"cells\": [ oops ]\n}");

        var error = Assert.Throws<NotebookException>(() => NotebookReader.Load(path));

        Assert.StartsWith($"{path}: the file is not valid JSON (line 3,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CellForAnotherKernel_IsForeign_AndSaysWhatToDo()
    {
        var cell = TestNotebook.Code("fs", "printfn \"hi\"");
        cell["metadata"]!["polyglot_notebook"]!["kernelName"] = "fsharp";
        var path = files.Write("fsharp.ipynb", TestNotebook.Markdown("m", "# Title"), cell, TestNotebook.Code("ps", "#!pwsh\nGet-Date"));

        var cells = NotebookReader.Load(path).Cells;

        Assert.Equal([false, true, true], cells.Select(each => each.IsForeign));
        Assert.Equal("pwsh", cells[2].Kernel);
        Assert.Equal("Cell 2 (id 'fs') is for the kernel 'fsharp', which the runner does not have: it executes C# cells only. Make the cell C# (kernel csharp) or a markdown cell.", cells[1].ForeignKernelMessage);
    }

    [Fact]
    public void Load_KernelSelectedByFirstLine_IsHonoured()
    {
        var path = files.Write("magic.ipynb", "#!markdown\n# Not code", "#!csharp\n1", "#!C#\n2", "#!time\n3", "#!lsmagic");

        var cells = NotebookReader.Load(path).Cells;

        Assert.Equal([false, true, true, true, true], cells.Select(cell => cell.IsCSharp));
    }

    [Fact]
    public void Load_DiagramCellOfAListedKernel_PassesThroughUnexecuted()
    {
        var diagram = TestNotebook.Code("flow", "graph LR; Start --> Await --> Resume");
        diagram["metadata"]!["polyglot_notebook"]!["kernelName"] = "mermaid";
        var path = files.Write("diagram.ipynb", diagram, TestNotebook.Code("after", "1"));
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["items"]!.AsArray().Add(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "mermaid" });
        File.WriteAllText(path, json.ToJsonString());

        var cells = NotebookReader.Load(path).Cells;

        Assert.Equal(("code", "mermaid", false), (cells[0].CellType, cells[0].Kernel, cells[0].IsCSharp));
        Assert.True(cells[1].IsCSharp);
    }

    [Fact]
    public void Load_DiagramCellOfAnUnlistedKernel_SaysWhatToAdd()
    {
        var diagram = TestNotebook.Code("flow", "graph LR; A --> B");
        diagram["metadata"]!["polyglot_notebook"]!["kernelName"] = "mermaid";
        var path = files.Write("unlisted.ipynb", diagram);

        var error = Assert.Throws<NotebookException>(() => NotebookReader.Load(path));

        Assert.Contains("uses the kernel 'mermaid', which the notebook's metadata does not list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CellWithoutId_IsRejected()
    {
        var cell = TestNotebook.Code("x", "1");
        cell.Remove("id");
        var path = files.Write("no-id.ipynb", cell);

        var error = Assert.Throws<NotebookException>(() => NotebookReader.Load(path));

        Assert.Contains("cell 1 has no 'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OlderNbformat_IsRejected()
    {
        var path = files.WriteText("old.ipynb", new JsonObject { ["nbformat"] = 3, ["worksheets"] = new JsonArray() }.ToJsonString());

        var error = Assert.Throws<NotebookException>(() => NotebookReader.Load(path));

        Assert.Equal($"{path}: nbformat is 3, but the runner reads nbformat 4 notebooks.", error.Message);
    }

    [Fact]
    public void Apply_ReplacesEachExerciseBySolutionWithTheSameId()
    {
        var chapter = files.Write("chapter.ipynb", TestNotebook.Code("setup", "var a = 1;"), TestNotebook.Code("ex1", "// TODO", NotebookCell.ExerciseTag), TestNotebook.Code("check", "a"));
        files.Write("solutions/chapter.ipynb", TestNotebook.Code("setup", "var a = 2;"), TestNotebook.Code("ex1", "a = 42;"));

        var solved = Solutions.Apply(NotebookReader.Load(chapter));

        Assert.Equal(["var a = 1;", "a = 42;", "a"], solved.Cells.Select(cell => cell.Source));
        Assert.True(solved.Cells[1].IsExercise);
    }

    [Fact]
    public void Apply_ExerciseWithoutSolution_NamesTheIdAndTheFile()
    {
        var chapter = files.Write("chapter.ipynb", TestNotebook.Code("ex1", "// TODO", NotebookCell.ExerciseTag), TestNotebook.Code("ex2", "// TODO", NotebookCell.ExerciseTag));
        var solutions = files.Write("solutions/chapter.ipynb", TestNotebook.Code("ex1", "done();"));

        var error = Assert.Throws<NotebookException>(() => Solutions.Apply(NotebookReader.Load(chapter)));

        Assert.Equal($"{solutions}: has no solution for the exercise id(s) 'ex2' of chapter.ipynb. Add a code cell with that id.", error.Message);
    }

    [Fact]
    public void Apply_MissingSolutionNotebook_SaysWhereItShouldBe()
    {
        var chapter = files.Write("lonely.ipynb", TestNotebook.Code("ex1", "// TODO", NotebookCell.ExerciseTag));

        var error = Assert.Throws<NotebookException>(() => Solutions.Apply(NotebookReader.Load(chapter)));

        Assert.Contains($"no solution notebook at {Path.Combine(files.Folder, "solutions", "lonely.ipynb")}", error.Message, StringComparison.Ordinal);
    }
}
