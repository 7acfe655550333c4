using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Site;

/// <summary>
/// The static site (the runner's --html) in a real browser: the system's Chromium, headless, opening the
/// pages from file:// with the network blocked. Every chart on every page draws its plot with as many
/// traces as its figure has, and the console stays free of errors. A screenshot of one chapter is kept in
/// artifacts/. The site is the one CI built (ASYNCLAB_SITE), or one this test builds from every chapter.
/// </summary>
public sealed partial class SiteBrowserTests
{
    /// <summary>The environment variable naming an already built site to check.</summary>
    public const string SiteVariable = "ASYNCLAB_SITE";

    /// <summary>Where the system's Chromium is (Debian's package <c>chromium</c>).</summary>
    public const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task EveryChartOnEveryPage_DrawsItsTraces_AndTheConsoleHasNoError()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");
        var site = await SiteAsync();
        var pages = Directory.GetFiles(site, "*.html").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(pages, page => Path.GetFileName(page) == "index.html");
        Assert.True(pages.Count >= Repository.Chapters.Count() + 1, $"{site} has {pages.Count} pages for {Repository.Chapters.Count()} chapters");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        await context.RouteAsync(url => !url.StartsWith("file:", StringComparison.Ordinal), route => route.AbortAsync());
        var charts = 0;
        foreach (var path in pages)
        {
            var page = await context.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    problems.Add($"console: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
            page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
            await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            foreach (var (id, traces) in Figures(File.ReadAllText(path)))
            {
                try
                {
                    await page.WaitForFunctionAsync($"() => {{ const chart = document.getElementById('{id}'); return chart && chart._fullData && chart.querySelector('.main-svg'); }}", null, new() { Timeout = 20_000 });
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"{Path.GetFileName(path)}: chart {id} drew no plot within 20 s.\n{string.Join('\n', problems)}");
                }

                var drawn = await page.EvaluateAsync<int>($"() => document.getElementById('{id}')._fullData.length");
                Assert.True(drawn == traces, $"{Path.GetFileName(path)}: chart {id} drew {drawn} traces, but its figure has {traces}");
                charts++;
            }

            Assert.True(problems.Count == 0, $"{Path.GetFileName(path)}:\n{string.Join('\n', problems)}");
            if (Path.GetFileName(path) == "01-sequential-vs-concurrent.html")
            {
                Directory.CreateDirectory(Path.Combine(Repository.Root, "artifacts"));
                await page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Root, "artifacts", "site-01-sequential-vs-concurrent.png"), FullPage = true });
            }

            await page.CloseAsync();
        }

        Assert.True(charts > 0, "no page of the site has a chart");
    }

    /// <summary>Each chart's element id on the page, with the number of traces in the figure its script draws.</summary>
    private static IEnumerable<(string Id, int Traces)> Figures(string html)
    {
        foreach (Match call in ChartCall().Matches(html))
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(html[(call.Index + call.Length)..]));
            using var figure = JsonDocument.ParseValue(ref reader);
            yield return (call.Groups["id"].Value, figure.RootElement.GetProperty("data").GetArrayLength());
        }
    }

    /// <summary>The site CI built, or a new one of every chapter, run in the scripting engine at half latency.</summary>
    private static async Task<string> SiteAsync()
    {
        if (Environment.GetEnvironmentVariable(SiteVariable) is { Length: > 0 } built)
        {
            var full = Path.GetFullPath(built, Repository.Root);
            Assert.True(File.Exists(Path.Combine(full, "index.html")), $"{SiteVariable} is {built}, but it has no index.html");
            return full;
        }

        var site = Path.Combine(Repository.Root, "artifacts", "site-test");
        var (exitCode, output, error) = await RunnerProcess.RunAsync(
            Repository.Root, "--html", site, "--out", Path.Combine(site, "executed"), "--kernel", "scripting", "--latency-scale", "0.5", "--parallel", "2");
        Assert.True(exitCode == 0, output + error);
        return site;
    }

    [GeneratedRegex("""\}\)\("(?<id>asynclab-chart-[0-9a-f]+)", "[^"]*", """)]
    private static partial Regex ChartCall();
}
