using System.Text;
using NotebookRunner.Hosting;

namespace NotebookRunner.Site;

/// <summary>
/// Writes the static site of executed notebooks (the runner's <c>--html DIR</c>): <c>index.html</c>, one
/// page per notebook and a copy of plotly.js beside them, so that the pages, charts included, work
/// offline from <c>file://</c>.
/// </summary>
public static class SiteWriter
{
    /// <summary>The name of plotly.js beside the pages; charts load it by this relative URL.</summary>
    public const string PlotlyFile = "plotly.min.js";

    /// <summary>The environment variable that tells AsyncLab's charts where plotly.js is (see <c>PlotlyScript</c>).</summary>
    public const string PlotlyUrlVariable = "ASYNCLAB_PLOTLY_URL";

    /// <summary>Where plotly.js is looked for, relative to each folder searched: npm's <c>plotly.js-dist-min</c> package.</summary>
    public static IReadOnlyList<string> PlotlySources { get; } =
    [
        Path.Combine("artifacts", "npm", "node_modules", "plotly.js-dist-min", PlotlyFile),
        Path.Combine("node_modules", "plotly.js-dist-min", PlotlyFile),
    ];

    /// <summary>The plotly.js file to copy beside the pages: the first <see cref="PlotlySources"/> found in <paramref name="folders"/> or a folder above one.</summary>
    /// <exception cref="ArgumentException">npm's <c>plotly.js-dist-min</c> is installed in none of them.</exception>
    public static string FindPlotly(params string[] folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        foreach (var start in folders)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (PlotlySources.Select(source => Path.Combine(folder.FullName, source)).FirstOrDefault(File.Exists) is { } found)
                {
                    return found;
                }
            }
        }

        throw new ArgumentException(
            $"--html needs plotly.js from npm's plotly.js-dist-min, but neither {string.Join(" nor ", PlotlySources)} is in {string.Join(" or ", folders)} or a folder above. "
            + "Install it from the repository root with: npm install --prefix artifacts/npm plotly.js-dist-min@2.35.2");
    }

    /// <summary>
    /// Writes the site for <paramref name="runs"/> into <paramref name="directory"/>, replacing pages of the
    /// same names, and returns the number of pages written (the index included).
    /// </summary>
    /// <param name="runs">The executed notebooks, in the order the site lists them.</param>
    /// <param name="directory">The site's folder; created if missing.</param>
    /// <param name="plotly">The plotly.js file to copy beside the pages (see <see cref="FindPlotly"/>).</param>
    public static int Write(IReadOnlyList<NotebookRun> runs, string directory, string plotly)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!File.Exists(plotly))
        {
            throw new ArgumentException($"The plotly.js file '{plotly}' does not exist. Find it with FindPlotly.", nameof(plotly));
        }

        Directory.CreateDirectory(directory);
        File.Copy(plotly, Path.Combine(directory, PlotlyFile), overwrite: true);

        var pages = runs.Select(run => new SitePage(run, PageName(run))).ToList();
        var names = pages.Select(page => Path.GetFileName(page.Run.Notebook.Path)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            var html = pages[i].Render(i > 0 ? pages[i - 1] : null, i + 1 < pages.Count ? pages[i + 1] : null, names);
            File.WriteAllText(Path.Combine(directory, pages[i].FileName), html);
        }

        File.WriteAllText(Path.Combine(directory, "index.html"), Index(pages));
        return pages.Count + 1;
    }

    /// <summary>The page of a notebook: its file name with <c>.html</c>.</summary>
    public static string PageName(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Notebook.Name + ".html";
    }

    private static string Index(IReadOnlyList<SitePage> pages)
    {
        var body = new StringBuilder();
        body.Append("<h1>The executed course</h1>\n<p>Every chapter as it ran, with its outputs and charts. Each page works offline.</p>\n");
        body.Append("<table class=\"index\">\n<thead><tr><th>Chapter</th><th>Cells</th><th>Failed</th><th>Checks passed</th><th>Not yet</th><th>Time</th></tr></thead>\n<tbody>\n");
        foreach (var page in pages)
        {
            var run = page.Run;
            var passed = run.Checks.Count(check => check.Passed);
            body.Append("<tr><td><a href=\"").Append(HtmlText.Encode(page.FileName)).Append("\">").Append(HtmlText.Encode(page.Title)).Append("</a></td>")
                .Append("<td>").Append(run.CodeCells).Append("</td>")
                .Append("<td").Append(run.FailedCells > 0 ? " class=\"bad\"" : "").Append('>').Append(run.FailedCells).Append("</td>")
                .Append("<td>").Append(passed).Append("</td><td>").Append(run.Checks.Count - passed).Append("</td>")
                .Append("<td>").Append(run.WallTime.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(" s</td></tr>\n");
        }

        body.Append("</tbody>\n</table>\n");
        return SitePage.Document("The executed course", "", body.ToString());
    }
}
