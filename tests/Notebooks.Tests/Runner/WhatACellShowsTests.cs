using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>kernel.md, "What a cell shows": displayed values, formatters, streams and errors.</summary>
public sealed class WhatACellShowsTests : IDisposable
{
    private readonly TestNotebook files = new();
    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task String_IsShownAsTextPlainOnly(KernelEngine engine)
    {
        var data = (await Engines.RunOneAsync(engine, files, "\"hello\"")).ResultData();

        Assert.Equal(["text/plain"], data.Select(pair => pair.Key));
        Assert.Equal("hello", data["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Scalar_IsOneTextHtmlPre(KernelEngine engine)
    {
        var data = (await Engines.RunOneAsync(engine, files, "6 * 7")).ResultData();

        Assert.Equal(["text/html"], data.Select(pair => pair.Key));
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div><style>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Object_IsAnExpandableTreeOfItsProperties(KernelEngine engine)
    {
        var html = (await Engines.RunOneAsync(engine, files, "new { Name = \"A<b>\", Seconds = 1.5 }")).ResultData()["text/html"]!.GetValue<string>();

        Assert.StartsWith("<details open=\"open\" class=\"dni-treeview\">", html, StringComparison.Ordinal);
        Assert.Matches("<td>Name</td><td>.*A&lt;b&gt;.*</td>", html);
        Assert.Matches("<td>Seconds</td><td>.*1.5.*</td>", html);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sequence_IsATableWithAnIndexColumn_AtMostTwentyItems(KernelEngine engine)
    {
        var html = (await Engines.RunOneAsync(engine, files, "Enumerable.Range(100, 25).Select(i => new { Value = i })")).ResultData()["text/html"]!.GetValue<string>();

        Assert.StartsWith("<table><thead><tr><th><i>index</i></th><th>value</th></tr></thead>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>119</pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<pre>120</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<i>... (more)</i>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KernelEngine.Interactive, "var x = 1;")]
    [InlineData(KernelEngine.Interactive, "Console.Write(\"\");")]
    [InlineData(KernelEngine.Scripting, "var x = 1;")]
    [InlineData(KernelEngine.Scripting, "Console.Write(\"\");")]
    public async Task NoTrailingExpression_ShowsNothing(KernelEngine engine, string code)
    {
        var result = await Engines.RunOneAsync(engine, files, code);

        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Empty(result.OfType("execute_result"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Null_IsShownAsNullInAPre(KernelEngine engine)
    {
        var data = (await Engines.RunOneAsync(engine, files, "string nothing = null;\nnothing")).ResultData();

        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>&lt;null&gt;</pre></div>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TypeWithAFormatterSource_FoundByName_ShowsItsHtml(KernelEngine engine)
    {
        // Everything is declared in the cell: the runner knows these types by their names only.
        var results = await Engines.RunAsync(engine, files, """
            class TypeFormatterSourceAttribute(Type source) : Attribute { public Type FormatterSourceType => source; }
            class Formatter(string mimeType, Func<object, string> render)
            {
                public string MimeType => mimeType;
                public bool Format(object value, System.IO.TextWriter writer) { writer.Write(render(value)); return true; }
            }
            class Source { public IEnumerable<object> CreateTypeFormatters() => [new Formatter("text/html", v => "<i>gauge</i>"), new Formatter("text/plain", v => "gauge")]; }
            [TypeFormatterSource(typeof(Source))] class Gauge { }
            """, "new Gauge()");

        var data = results[1].ResultData();

        Assert.Equal(["text/html"], data.Select(pair => pair.Key));
        Assert.Equal("<i>gauge</i>", data["text/html"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CheckResult_RecognisedByName_IsKeptInOutputMetadata(KernelEngine engine)
    {
        var results = await Engines.RunAsync(engine, files, "record CheckResult(string Title, bool Passed);", "display(new CheckResult(\"first\", true));\nnew CheckResult(\"second\", false)");

        Assert.Equal([("first", true), ("second", false)], results[1].Checks.Select(check => (check.Title, check.Passed)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Display_ShowsNow_AndTheHandlesUpdatesGoToOneOutputOfTheirOwn(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, """
            var progress = display("Progress");
            Console.WriteLine("working");
            for (var done = 1; done <= 3; done++) progress.Update($"{done} of 3");
            """);

        Assert.Equal(["display_data", "stream", "display_data"], result.Outputs.Select(output => output["output_type"]!.GetValue<string>()));
        Assert.Equal("Progress", result.Outputs[0]["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("3 of 3", result.Outputs[2]["data"]!["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task HtmlJavascriptAndCss_AreShownAsTextHtml(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "display(HTML(\"<b>bold</b>\"));\nJavascript(\"let a = 1;\");\nCSS(\"p { color: red; }\");");

        var html = result.Outputs.Select(output => output["data"]!["text/html"]!.GetValue<string>()).ToList();
        Assert.Equal(3, html.Count);
        Assert.Equal("<b>bold</b>", html[0]);
        Assert.Matches("""^<script type="text/javascript">\s*let a = 1;\s*</script>$""", html[1]);
        Assert.StartsWith("<script type=\"text/javascript\">", html[2], StringComparison.Ordinal);
        Assert.Contains("p { color: red; }", html[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ConsoleOutAndError_BecomeStreams_AlsoFromAwaitedTasks(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, """
            Console.WriteLine("out 1");
            await Task.Run(() => Console.Error.WriteLine("err from the pool"));
            await Task.Run(async () => { await Task.Yield(); Console.WriteLine("out 2"); });
            """);

        Assert.Equal("out 1\nout 2\n", result.Stream("stdout"));
        Assert.Equal("err from the pool\n", result.Stream("stderr"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OutputFromWorkThatOutlivesTheCell_IsLost(KernelEngine engine)
    {
        var results = await Engines.RunAsync(
            engine,
            files,
            """
            var gate = new TaskCompletionSource();
            var late = Task.Run(async () => { await gate.Task; Console.WriteLine("late"); });
            """,
            "gate.SetResult();\nawait late;\nConsole.WriteLine(\"next\");");

        Assert.Equal("next\n", results[1].Stream("stdout"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CompileError_FailsBeforeAnythingRuns_WithCellRelativePositions(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "Console.WriteLine(\"never\");\nint total = \"text\";\nundefined();");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Empty(result.OfType("stream"));
        var traceback = Assert.Single(result.OfType("error"))["traceback"]!.AsArray().Select(line => line!.GetValue<string>());
        Assert.Equal(["(2,13): error CS0029: Cannot implicitly convert type 'string' to 'int'", "(3,1): error CS0103: The name 'undefined' does not exist in the current context"], traceback);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RuntimeException_FailsTheCell_KeepsEarlierOutputs_AndLaterCellsGoOn(KernelEngine engine)
    {
        var results = await Engines.RunAsync(engine, files, "var before = 1;\nConsole.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");", "before + 1");
        var (failed, next) = (results[0], results[1]);

        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Equal("before\n", failed.Stream("stdout"));
        var error = Assert.Single(failed.OfType("error"));
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.StartsWith("System.InvalidOperationException: boom", error["traceback"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>2</pre></div>", next.ResultData()["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ExecutionCount_CountsEverySubmission(KernelEngine engine)
    {
        var results = await Engines.RunAsync(engine, files, "1", "nope", "3");

        Assert.Equal([1, 2, 3], results.Select(result => result.ExecutionCount!.Value));
    }
}
