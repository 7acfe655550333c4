using System.Text.Json.Nodes;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Jupyter;

/// <summary>
/// The route a Jupyter learner takes (README, "Working in Jupyter"): the kernelspec that
/// <c>dotnet interactive jupyter install</c> writes, started by a real Jupyter client (nbclient) that
/// speaks the Jupyter messaging protocol to it, as JupyterLab, Jupyter Notebook and VS Code's Jupyter
/// extension do. Needs python3 with nbclient and jupyter_client (.ci/run installs Debian's); without
/// them these tests fail and say what to install.
/// </summary>
public sealed class JupyterRouteTests(JupyterClient client) : IClassFixture<JupyterClient>
{
    [Fact]
    public async Task Install_WritesTheCSharpKernelspec_ThatStartsTheToolFromTheManifest()
    {
        var spec = await client.CSharpKernelSpecAsync();

        Assert.Equal(".NET (C#)", (string?)spec["display_name"]);
        // "dotnet interactive" resolves through .config/dotnet-tools.json, so the kernel starts only in a
        // folder inside the repository (or wherever the tool is installed globally): README says so.
        Assert.Equal(["dotnet", "interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}"], spec["argv"]!.AsArray().Select(arg => (string?)arg).Take(6));
    }

    [Fact]
    public async Task Chapter01_RunsThroughAJupyterClient_WithNoErrorAndEveryCheckShown()
    {
        var chapter = ChapterFile.Load(ChapterFile.Numbered(1)!);
        var copy = Path.Combine(Repository.Root, "artifacts", "test-executed", "jupyter", chapter.FileName);

        // The kernel starts in notebooks/, as Jupyter starts it for a notebook opened from its file
        // browser: the setup cell's relative #r finds AsyncLab from there.
        var run = await client.ExecuteAsync(Path.Combine(Repository.Notebooks, chapter.FileName), copy);

        Assert.True(run.ExitCode == 0, $"{chapter.FileName} failed through Jupyter (exit code {run.ExitCode}); executed copy: {copy}\n{run.Error}");
        var cells = run.CodeCells.ToList();
        Assert.Equal(chapter.Code.Count(), cells.Count);
        Assert.All(cells, cell => Assert.DoesNotContain(Outputs(cell), output => (string?)output["output_type"] == "error"));
        Assert.All(cells, cell => Assert.NotNull(cell["execution_count"]?.GetValue<int>()));

        // Each exercise's check (the cell after it) arrives as the check's HTML box; the starter is the obvious wrong answer.
        var code = chapter.Code.ToList();
        var checkIds = chapter.Exercises.Select(exercise => code[code.IndexOf(exercise) + 1].Id).ToHashSet();
        var checks = cells.Where(cell => checkIds.Contains((string?)cell["id"] ?? "")).ToList();
        Assert.Equal(chapter.Exercises.Count, checks.Count);
        Assert.All(checks, cell => Assert.Contains("NOT YET: ", Html(cell), StringComparison.Ordinal));

        // Charts arrive as HTML that draws itself with plotly.js.
        Assert.Contains(cells, cell => Html(cell).Contains("Plotly.newPlot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingCell_MakesTheDriverExitNonZero_NamingTheCell()
    {
        var run = await SmallNotebookAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell 2 (id throws) failed: System.InvalidOperationException: a deliberate failure", run.Error, StringComparison.Ordinal);
        Assert.Contains("cell 3 (id does-not-compile) failed: compilation error: (1,9): error CS0029:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(id before)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(id after)", run.Error, StringComparison.Ordinal);
        Assert.Contains("5 code cells, 2 failed", run.Output, StringComparison.Ordinal);

        // Every cell ran: a failure does not stop the notebook, as in the runner.
        Assert.Equal("after\n", string.Concat(Outputs(run.Cell("after")).Select(output => Text(output["text"]))));
    }

    [Fact]
    public async Task DisplayHandleUpdate_IsIgnoredByAJupyterClient_SoTheFirstValueStays()
    {
        var run = await SmallNotebookAsync();

        // A Jupyter client replaces an output in place when an update_display_data message carries the
        // display id of an earlier display_data. The final .NET Interactive release sends the update, but
        // under a new id of the handle's own, not the displayed value's: the client finds no output with
        // that id and drops the update. A Jupyter learner sees "first" and never "second", so a chapter
        // must not rely on Update() for what it teaches.
        var sent = run.MessagesOf(1).Where(message => ((string?)message["msg_type"])!.Contains("display_data", StringComparison.Ordinal)).ToList();
        Assert.Equal(["display_data", "update_display_data"], sent.Select(message => (string?)message["msg_type"]));
        Assert.Equal(["first", "second"], sent.Select(message => (string?)message["text"]));
        Assert.NotEqual((string?)sent[0]["display_id"], (string?)sent[1]["display_id"]);

        var output = Assert.Single(Outputs(run.Cell("display-update")));
        Assert.Equal("display_data", (string?)output["output_type"]);
        Assert.Equal("first", Text(output["data"]!["text/plain"]));
    }

    /// <summary>One small notebook, executed once for the tests that read it: it takes a kernel start (about 10 s).</summary>
    private Task<JupyterClient.Run> SmallNotebookAsync() => client.ExecuteOnceAsync("small", () =>
    {
        var notebook = client.Files.Write(
            "small.ipynb",
            TestNotebook.Code("before", "Console.WriteLine(\"before\");"),
            TestNotebook.Code("display-update", "var h = display(\"first\");\nh.Update(\"second\");"),
            TestNotebook.Code("throws", "throw new InvalidOperationException(\"a deliberate failure\");"),
            TestNotebook.Code("does-not-compile", "int x = \"not a number\";"),
            TestNotebook.Code("after", "Console.WriteLine(\"after\");"));

        // The notebook is in a temporary folder; its cells need no file, but the kernelspec's
        // "dotnet interactive" needs the repository's tool manifest, so the kernel starts at the root.
        return client.ExecuteAsync(notebook, Path.Combine(client.Files.Folder, "small-executed.ipynb"), Repository.Root);
    });

    private static IEnumerable<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().Select(output => output!.AsObject());

    /// <summary>Every text/html output of the cell, joined.</summary>
    private static string Html(JsonObject cell) =>
        string.Concat(Outputs(cell).Select(output => output["data"]?["text/html"]).OfType<JsonNode>().Select(Text));

    /// <summary>nbformat's multiline text: a string, or a list of lines.</summary>
    private static string Text(JsonNode? text) => text switch
    {
        JsonArray lines => string.Concat(lines.Select(line => (string?)line)),
        null => "",
        _ => (string)text!,
    };
}
