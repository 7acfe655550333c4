using NotebookRunner.Site;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Site;

/// <summary>What the runner's --html writes: markdown rendered, code highlighted, outputs as the notebook shows them, navigation.</summary>
public sealed class SiteContentTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Html_WritesAnIndexAndAPagePerNotebook_WithEveryKindOfOutput()
    {
        files.Write(
            "nb/01-first.ipynb",
            TestNotebook.Markdown("title", "# 01 · First\n\nSee [the second](02-second.ipynb#top) and a | table |\n|---|---|\n| a | b |"),
            TestNotebook.Code("code", "// a comment\nstring text = \"<b>not bold</b>\";\nConsole.WriteLine(text);\n42"),
            TestNotebook.Code("check", "record CheckResult(string Title, bool Passed);\nnew CheckResult(\"the answer\", false)"),
            TestNotebook.Code("fails", "throw new InvalidOperationException(\"on purpose\");"));
        files.Write("nb/02-second.ipynb", TestNotebook.Markdown("title", "# 02 · Second"), TestNotebook.Code("code", "display(HTML(\"<em id='raw'>as is</em>\"));"));

        var (exitCode, output, error) = await RunnerProcess.RunAsync(files.Folder, "nb", "--html", "site", "--kernel", "scripting", "--parallel", "2");

        Assert.True(exitCode == 1, output + error); // the failing cell
        var site = Path.Combine(files.Folder, "site");
        Assert.Equal(["01-first.html", "02-second.html", "index.html", SiteWriter.PlotlyFile], Directory.GetFiles(site).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("<a href=\"01-first.html\">01 · First</a>", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"02-second.html\">02 · Second</a>", index, StringComparison.Ordinal);

        var first = File.ReadAllText(Path.Combine(site, "01-first.html"));
        Assert.Matches("<h1 id=\"[^\"]*\">01 · First</h1>", first);
        Assert.Contains("<a href=\"02-second.html#top\">the second</a>", first, StringComparison.Ordinal);
        Assert.Contains("<table>", first, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-comment\">// a comment</span>", first, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-keyword\">string</span> text = <span class=\"tok-string\">&quot;&lt;b&gt;not bold&lt;/b&gt;&quot;</span>", first, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"output stdout\">&lt;b&gt;not bold&lt;/b&gt;\n</pre>", first, StringComparison.Ordinal);
        Assert.Matches("<div class=\"output html\"><div class=\"dni-plaintext\"><pre>42</pre>", first);
        Assert.Contains("<div class=\"check not-yet\">", first, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status failed\">failed</span>", first, StringComparison.Ordinal);
        Assert.Matches("<pre class=\"output error\"><strong>System.InvalidOperationException</strong>: .*on purpose", first);
        Assert.Contains("<a rel=\"next\" href=\"02-second.html\">02 · Second →</a>", first, StringComparison.Ordinal);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", first, StringComparison.Ordinal);

        var second = File.ReadAllText(Path.Combine(site, "02-second.html"));
        Assert.Contains("<em id='raw'>as is</em>", second, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"prev\" href=\"01-first.html\">← 01 · First</a>", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var x = 1.5e3;", "<span class=\"tok-keyword\">var</span> x = <span class=\"tok-number\">1.5e3</span>;")]
    [InlineData("#r \"../a.dll\"\nusing A;", "<span class=\"tok-directive\">#r &quot;../a.dll&quot;</span>\n<span class=\"tok-keyword\">using</span> <span class=\"tok-type\">A</span>;")]
    [InlineData("$\"{a} // not a comment\"", "<span class=\"tok-string\">$&quot;{a} // not a comment&quot;</span>")]
    [InlineData("/* a\nb */ 'c'", "<span class=\"tok-comment\">/* a\nb */</span> <span class=\"tok-string\">&#39;c&#39;</span>")]
    public void Highlighter_MarksTokens_AndEscapesEverything(string code, string html) =>
        Assert.Equal(html, CSharpHighlighter.ToHtml(code));
}
