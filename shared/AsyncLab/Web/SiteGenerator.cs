namespace AsyncLab;

/// <summary>Builds the pages of a <see cref="LocalSite"/> from its options: the same options always give the same pages.</summary>
internal static class SiteGenerator
{
    /// <summary>The pages, numbered from 0. Page 0 is normal, and no two pages in a row are dead ends (broken or missing), so following the first two links of every page reaches every page.</summary>
    public static IReadOnlyList<SitePage> Generate(LocalSiteOptions options)
    {
        var random = new Random(options.Seed);
        int count = options.PageCount;
        var kinds = new PageKind[count];
        for (int i = 1; i < count; i++)
        {
            PageKind kind = Roll(random.NextDouble(), options);
            kinds[i] = IsDeadEnd(kind) && IsDeadEnd(kinds[i - 1]) ? PageKind.Normal : kind;
        }

        var pages = new SitePage[count];
        for (int i = 0; i < count; i++)
        {
            var links = new List<string>(options.LinksPerPage);
            for (int k = 0; k < options.LinksPerPage; k++)
            {
                int target = k < 2 ? (i + k + 1) % count : random.Next(count);
                links.Add(SitePage.PathOf(target));
            }

            pages[i] = new SitePage(i, SitePage.PathOf(i), kinds[i], links);
        }

        return pages;
    }

    private static bool IsDeadEnd(PageKind kind) => kind is PageKind.Broken or PageKind.Missing;

    private static PageKind Roll(double roll, LocalSiteOptions options)
    {
        (PageKind Kind, double Share)[] shares =
        [
            (PageKind.Slow, options.SlowShare),
            (PageKind.Flaky, options.FlakyShare),
            (PageKind.Broken, options.BrokenShare),
            (PageKind.Missing, options.MissingShare),
            (PageKind.RateLimited, options.RateLimitedShare),
        ];
        double edge = 0;
        foreach (var (kind, share) in shares)
        {
            edge += share;
            if (roll < edge)
            {
                return kind;
            }
        }

        return PageKind.Normal;
    }
}
