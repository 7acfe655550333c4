namespace AsyncLab.Tests.Web;

/// <summary>The generated site: seeded, every page reachable from page 0, trouble in the shares asked for.</summary>
public class SiteGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameSite_OtherSeed_OtherSite()
    {
        var one = SiteGenerator.Generate(new LocalSiteOptions { Seed = 7 });
        var again = SiteGenerator.Generate(new LocalSiteOptions { Seed = 7 });
        var other = SiteGenerator.Generate(new LocalSiteOptions { Seed = 8 });

        Assert.Equal(Describe(one), Describe(again));
        Assert.NotEqual(Describe(one), Describe(other));
    }

    [Fact]
    public void Generate_EveryPageIsReachableFromPageZero_ThroughPagesThatAnswer()
    {
        var pages = SiteGenerator.Generate(new LocalSiteOptions { PageCount = 500, BrokenShare = 0.2, MissingShare = 0.2 });
        var seen = new HashSet<string> { "/pages/0" };
        var frontier = new Queue<SitePage>([pages[0]]);
        while (frontier.TryDequeue(out SitePage? page))
        {
            if (page.Kind is PageKind.Broken or PageKind.Missing)
            {
                continue;
            }

            foreach (string link in page.Links.Where(seen.Add))
            {
                frontier.Enqueue(pages[int.Parse(link["/pages/".Length..], System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        Assert.Equal(500, seen.Count);
        Assert.Equal(PageKind.Normal, pages[0].Kind);
    }

    [Fact]
    public void Generate_KindsFollowTheShares()
    {
        var pages = SiteGenerator.Generate(new LocalSiteOptions { PageCount = 2000, SlowShare = 0.1, FlakyShare = 0.1, BrokenShare = 0, MissingShare = 0.05, RateLimitedShare = 0 });
        double Share(PageKind kind) => pages.Count(p => p.Kind == kind) / 2000.0;

        Assert.InRange(Share(PageKind.Slow), 0.08, 0.12);
        Assert.InRange(Share(PageKind.Flaky), 0.08, 0.12);
        Assert.InRange(Share(PageKind.Missing), 0.035, 0.065);
        Assert.Equal(0, Share(PageKind.Broken));
        Assert.Equal(0, Share(PageKind.RateLimited));
        Assert.All(pages, p => Assert.Equal(4, p.Links.Count));
    }

    [Fact]
    public void Options_RejectInvalidValues_NamingTheValue()
    {
        var options = new LocalSiteOptions();

        Assert.Contains("-1", Assert.Throws<ArgumentOutOfRangeException>("value", () => options.PageCount = -1).Message, StringComparison.Ordinal);
        Assert.Contains("1.5", Assert.Throws<ArgumentOutOfRangeException>("value", () => options.FlakyShare = 1.5).Message, StringComparison.Ordinal);
        Assert.Contains("00:00:01.5", Assert.Throws<ArgumentOutOfRangeException>("value", () => options.RetryAfter = TimeSpan.FromSeconds(1.5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("value", () => options.Latency = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>("value", () => options.Capacity = 0);
        options.SlowShare = 0.6;
        options.FlakyShare = 0.6;
        Assert.Contains("1.2", Assert.Throws<ArgumentException>("options", options.Validate).Message, StringComparison.Ordinal);
    }

    private static string Describe(IReadOnlyList<SitePage> pages) =>
        string.Join(";", pages.Select(p => $"{p.Kind}:{string.Join(",", p.Links)}"));
}
