namespace AsyncLab;

/// <summary>One page of a <see cref="LocalSite"/>: its path, what it does when requested, and the pages it links to.</summary>
/// <param name="Index">The page's number, from 0.</param>
/// <param name="Path">The page's path on the site, such as "/pages/17".</param>
/// <param name="Kind">What the page does when it is requested.</param>
/// <param name="Links">The paths of the pages it links to, in the order they appear on the page.</param>
public sealed record SitePage(int Index, string Path, PageKind Kind, IReadOnlyList<string> Links)
{
    /// <summary>The path of the page with number <paramref name="index"/>: "/pages/{index}".</summary>
    /// <param name="index">A page number, zero or positive.</param>
    public static string PathOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return "/pages/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
