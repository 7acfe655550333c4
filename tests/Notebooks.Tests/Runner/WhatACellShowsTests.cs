using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>kernel.md, "What a cell shows": displayed values, formatters, streams and errors.</summary>
public sealed class WhatACellShowsTests : IDisposable
{
    private readonly TestNotebook files = new();
    private readonly ScriptKernel kernel;

    public WhatACellShowsTests() => kernel = new ScriptKernel(files.Folder);

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task String_IsShownAsTextPlainOnly()
    {
        var data = (await kernel.SubmitAsync("\"hello\"")).ResultData();

        Assert.Equal(["text/plain"], data.Select(pair => pair.Key));
        Assert.Equal("hello", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scalar_IsOneTextHtmlPre()
    {
        var data = (await kernel.SubmitAsync("6 * 7")).ResultData();

        Assert.Equal(["text/html"], data.Select(pair => pair.Key));
        Assert.Equal("<div class=\"dni-plaintext\"><pre>42</pre></div>", data["text/html"]!.GetValue<string>());
    }

    [Fact]
    public async Task Object_IsAPropertyTable()
    {
        var html = (await kernel.SubmitAsync("new { Name = \"A<b>\", Seconds = 1.5 }")).ResultData()["text/html"]!.GetValue<string>();

        Assert.Contains("<td>Name</td><td>A&lt;b&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Seconds</td><td>1.5</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequence_IsATableWithAnIndexColumn_AtMostTwentyItems()
    {
        var html = (await kernel.SubmitAsync("Enumerable.Range(100, 25).Select(i => new { Value = i })")).ResultData()["text/html"]!.GetValue<string>();

        Assert.Contains("<th>index</th><th>Value</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>19</td><td>119</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>120</td>", html, StringComparison.Ordinal);
        Assert.Contains("(more)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string nothing = null;\nnothing")]
    [InlineData("var x = 1;")]
    [InlineData("Console.Write(\"\");")]
    public async Task NullOrNoTrailingExpression_ShowsNothing(string code)
    {
        var result = await kernel.SubmitAsync(code);

        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Empty(result.OfType("execute_result"));
    }

    [Fact]
    public async Task TypeWithAFormatterSource_FoundByName_ShowsItsOwnMimeTypes()
    {
        // Everything is declared in the cell: the runner knows these types by their names only.
        await kernel.SubmitAsync("""
            class TypeFormatterSourceAttribute : Attribute { public TypeFormatterSourceAttribute(Type source) { } }
            class Formatter(string mimeType, Func<object, string> render)
            {
                public string MimeType => mimeType;
                public bool Format(object value, System.IO.TextWriter writer) { writer.Write(render(value)); return true; }
            }
            class Source { public IEnumerable<object> CreateTypeFormatters() => [new Formatter("text/html", v => "<i>gauge</i>"), new Formatter("text/plain", v => "gauge")]; }
            [TypeFormatterSource(typeof(Source))] class Gauge { }
            """);

        var data = (await kernel.SubmitAsync("new Gauge()")).ResultData();

        Assert.Equal(["text/html", "text/plain"], data.Select(pair => pair.Key));
        Assert.Equal("<i>gauge</i>", data["text/html"]!.GetValue<string>());
    }

    [Fact]
    public async Task CheckResult_RecognisedByName_IsKeptInOutputMetadata()
    {
        await kernel.SubmitAsync("record CheckResult(string Title, bool Passed);");

        var result = await kernel.SubmitAsync("display(new CheckResult(\"first\", true));\nnew CheckResult(\"second\", false)");

        Assert.Equal([("first", true), ("second", false)], result.Checks.Select(check => (check.Title, check.Passed)));
    }

    [Fact]
    public async Task Display_ShowsNow_AndUpdateReplacesThatOutputInPlace()
    {
        var result = await kernel.SubmitAsync("""
            var progress = display("0 of 3");
            Console.WriteLine("working");
            for (var done = 1; done <= 3; done++) progress.Update($"{done} of 3");
            """);

        Assert.Equal(["display_data", "stream"], result.Outputs.Select(output => output["output_type"]!.GetValue<string>()));
        Assert.Equal("3 of 3", result.Outputs[0]["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task HtmlJavascriptAndCss_AreShownAsTextHtml()
    {
        var result = await kernel.SubmitAsync("display(HTML(\"<b>bold</b>\"));\ndisplay(Javascript(\"let a = 1;\"));\nCSS(\"p { color: red; }\")");

        var html = result.Outputs.Select(output => output["data"]!["text/html"]!.GetValue<string>()).ToList();
        Assert.Equal(["<b>bold</b>", "<script type=\"text/javascript\">let a = 1;</script>", "<style>p { color: red; }</style>"], html);
    }

    [Fact]
    public async Task ConsoleOutAndError_BecomeStreams_AlsoFromAwaitedTasks()
    {
        var result = await kernel.SubmitAsync("""
            Console.WriteLine("out 1");
            await Task.Run(() => Console.Error.WriteLine("err from the pool"));
            await Task.Run(async () => { await Task.Yield(); Console.WriteLine("out 2"); });
            """);

        Assert.Equal("out 1\nout 2\n", result.Stream("stdout"));
        Assert.Equal("err from the pool\n", result.Stream("stderr"));
    }

    [Fact]
    public async Task OutputFromWorkThatOutlivesTheCell_IsLost()
    {
        await kernel.SubmitAsync("""
            var gate = new TaskCompletionSource();
            var late = Task.Run(async () => { await gate.Task; Console.WriteLine("late"); });
            """);

        var next = await kernel.SubmitAsync("gate.SetResult();\nawait late;\nConsole.WriteLine(\"next\");");

        Assert.Equal("next\n", next.Stream("stdout"));
    }

    [Fact]
    public async Task CompileError_FailsBeforeAnythingRuns_WithCellRelativePositions()
    {
        var result = await kernel.SubmitAsync("Console.WriteLine(\"never\");\nint total = \"text\";\nundefined();");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Empty(result.OfType("stream"));
        var traceback = Assert.Single(result.OfType("error"))["traceback"]!.AsArray().Select(line => line!.GetValue<string>());
        Assert.Equal(["(2,13): error CS0029: Cannot implicitly convert type 'string' to 'int'", "(3,1): error CS0103: The name 'undefined' does not exist in the current context"], traceback);
    }

    [Fact]
    public async Task RuntimeException_FailsTheCell_KeepsEarlierOutputs_AndLaterCellsGoOn()
    {
        var failed = await kernel.SubmitAsync("var before = 1;\nConsole.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");");
        var next = await kernel.SubmitAsync("before + 1");

        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Equal("before\n", failed.Stream("stdout"));
        var error = Assert.Single(failed.OfType("error"));
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.StartsWith("System.InvalidOperationException: boom", error["traceback"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("<div class=\"dni-plaintext\"><pre>2</pre></div>", next.ResultData()["text/html"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecutionCount_CountsEverySubmission()
    {
        var first = await kernel.SubmitAsync("1");
        var failed = await kernel.SubmitAsync("nope");
        var third = await kernel.SubmitAsync("3");

        Assert.Equal([1, 2, 3], new[] { first, failed, third }.Select(result => result.ExecutionCount!.Value));
    }
}
