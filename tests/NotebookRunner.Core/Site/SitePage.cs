using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NotebookRunner.Formatting;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Site;

/// <summary>One executed notebook as an HTML page: markdown rendered, code highlighted, every output as the notebook shows it.</summary>
internal sealed class SitePage(NotebookRun run, string fileName)
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public NotebookRun Run { get; } = run;

    public string FileName { get; } = fileName;

    /// <summary>The notebook's first heading, e.g. "07 · Channels", or its file name.</summary>
    public string Title { get; } = run.Notebook.Cells
        .Where(cell => cell.CellType == "markdown")
        .SelectMany(cell => cell.Source.Split('\n'))
        .Select(line => line.Trim())
        .FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? run.Notebook.Name;

    public string Render(SitePage? previous, SitePage? next, IReadOnlySet<string> notebooksOnSite)
    {
        var body = new StringBuilder();
        var navigation = Navigation(previous, next);
        body.Append(navigation);
        foreach (var cell in Run.Notebook.Cells)
        {
            body.Append("<section class=\"cell ").Append(cell.CellType).Append("\" id=\"cell-").Append(HtmlText.Encode(cell.Id)).Append("\">\n");
            if (cell.CellType == "markdown")
            {
                body.Append(RenderMarkdown(cell.Source, notebooksOnSite));
            }
            else if (cell.CellType == "code")
            {
                AppendCode(body, cell, Run.Results[cell.Index]);
            }
            else
            {
                body.Append("<pre class=\"raw\">").Append(HtmlText.Encode(cell.Source)).Append("</pre>\n");
            }

            body.Append("</section>\n");
        }

        body.Append(navigation);
        return Document(Title, SiteWriter.PlotlyFile, body.ToString());
    }

    /// <summary>A whole HTML document; <paramref name="script"/>, when not empty, is loaded in the head.</summary>
    public static string Document(string title, string script, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + HtmlText.Encode(title) + "</title>\n<style>\n" + Style + "</style>\n"
        + (script.Length > 0 ? "<script src=\"" + HtmlText.Encode(script) + "\"></script>\n" : "")
        + "</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";

    private static string Navigation(SitePage? previous, SitePage? next)
    {
        var nav = new StringBuilder("<nav class=\"chapters\">");
        nav.Append(previous is null ? "<span></span>" : Link(previous, "prev", "← "));
        nav.Append("<a href=\"index.html\">Contents</a>");
        nav.Append(next is null ? "<span></span>" : Link(next, "next", "", " →"));
        return nav.Append("</nav>\n").ToString();
    }

    private static string Link(SitePage page, string rel, string before, string after = "") =>
        $"<a rel=\"{rel}\" href=\"{HtmlText.Encode(page.FileName)}\">{before}{HtmlText.Encode(page.Title)}{after}</a>";

    /// <summary>Markdown as HTML; links to notebooks that are on the site go to their pages instead.</summary>
    private static string RenderMarkdown(string source, IReadOnlySet<string> notebooksOnSite)
    {
        var document = Markdig.Markdown.Parse(source, Markdown);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && !url.Contains("://", StringComparison.Ordinal))
            {
                var hash = url.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? url : url[..hash];
                if (path.EndsWith(".ipynb", StringComparison.Ordinal) && !path.Contains('/', StringComparison.Ordinal) && notebooksOnSite.Contains(path))
                {
                    link.Url = path[..^".ipynb".Length] + ".html" + (hash < 0 ? "" : url[hash..]);
                }
            }
        }

        return Markdig.Markdown.ToHtml(document, Markdown);
    }

    private static void AppendCode(StringBuilder body, NotebookCell cell, CellResult result)
    {
        var status = cell.IsExecutable ? result.Status : CellStatus.NotRun;
        body.Append("<div class=\"source\"><span class=\"prompt\">").Append(result.ExecutionCount is { } count ? $"[{count}]" : "[ ]").Append("</span>");
        if (status is CellStatus.Failed or CellStatus.TimedOut)
        {
            body.Append("<span class=\"status ").Append(status == CellStatus.TimedOut ? "timed-out\">timed out" : "failed\">failed").Append("</span>");
        }

        body.Append("<pre><code class=\"language-").Append(cell.Kernel == NotebookCell.CSharpKernel ? "csharp" : HtmlText.Encode(cell.Kernel)).Append("\">")
            .Append(cell.IsCSharp ? CSharpHighlighter.ToHtml(cell.Source) : HtmlText.Encode(cell.Source))
            .Append("</code></pre></div>\n");
        foreach (var output in result.Outputs)
        {
            AppendOutput(body, output);
        }
    }

    private static void AppendOutput(StringBuilder body, JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var stream = output["name"]?.GetValue<string>() == "stderr" ? "stderr" : "stdout";
                body.Append("<pre class=\"output ").Append(stream).Append("\">").Append(HtmlText.Encode(Text(output["text"]))).Append("</pre>\n");
                break;
            case "error":
                var traceback = (output["traceback"] as JsonArray)?.Select(line => line?.GetValue<string>() ?? "") ?? [];
                body.Append("<pre class=\"output error\"><strong>").Append(HtmlText.Encode(output["ename"]?.GetValue<string>() ?? "Error")).Append("</strong>: ")
                    .Append(HtmlText.Encode(string.Join('\n', traceback))).Append("</pre>\n");
                break;
            default:
                AppendData(body, output);
                break;
        }
    }

    private static void AppendData(StringBuilder body, JsonObject output)
    {
        var data = output["data"] as JsonObject;
        var check = CheckOutcome.In([output]).FirstOrDefault();
        if (check is not null)
        {
            // The check's own HTML names its verdict; a check shown as text gets the verdict written above it.
            body.Append("<div class=\"check ").Append(check.Passed ? "passed" : "not-yet").Append("\">");
            if (data?["text/html"] is null)
            {
                body.Append("<div class=\"verdict\">").Append(check.Passed ? "✓ Passed" : "Not yet").Append(": ").Append(HtmlText.Encode(check.Title)).Append("</div>");
            }
        }

        if (data?["text/html"] is { } html)
        {
            body.Append("<div class=\"output html\">").Append(Text(html)).Append("</div>\n");
        }
        else if (data?["text/plain"] is { } plain)
        {
            body.Append("<pre class=\"output text\">").Append(HtmlText.Encode(Text(plain))).Append("</pre>\n");
        }

        if (check is not null)
        {
            body.Append("</div>\n");
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    private const string Style = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
        body { margin: 0; color: var(--ink); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; background: #fff; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        nav.chapters { display: flex; justify-content: space-between; gap: 1rem; padding: .6rem 0; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
        nav.chapters:last-child { border-bottom: 0; border-top: 1px solid var(--line); margin-top: 2rem; }
        a { color: #0969da; }
        .cell { margin: .8rem 0; }
        .source { position: relative; }
        .source pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: .7rem .9rem; overflow-x: auto; margin: 0; }
        .prompt { position: absolute; left: -3.2rem; top: .7rem; color: var(--muted); font: 12px monospace; }
        .status { position: absolute; right: .5rem; top: .4rem; font-size: 12px; font-weight: 600; padding: 0 .4rem; border-radius: 4px; color: #fff; }
        .status.failed { background: var(--bad); } .status.timed-out { background: var(--warn); }
        pre, code { font: 13.5px/1.45 ui-monospace, "Cascadia Code", Menlo, Consolas, monospace; }
        .output { margin: .4rem 0 0 0; overflow-x: auto; }
        pre.output { padding: .3rem .9rem; white-space: pre-wrap; }
        pre.stderr { background: #fff8c5; } pre.error { background: #ffebe9; color: var(--bad); }
        .check { border-left: 4px solid; border-radius: 4px; padding: .4rem .8rem; margin-top: .5rem; }
        .check.passed { border-color: var(--ok); background: #dafbe1; } .check.not-yet { border-color: var(--warn); background: #fff8c5; }
        .check .verdict { font-weight: 600; }
        .tok-comment { color: #6e7781; font-style: italic; } .tok-string { color: #0a3069; } .tok-number { color: #0550ae; }
        .tok-keyword { color: #cf222e; } .tok-type { color: #8250df; } .tok-directive { color: #953800; }
        table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; }
        table.index td.bad { color: var(--bad); font-weight: 600; }
        blockquote { margin: 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--line); }

        """;
}
