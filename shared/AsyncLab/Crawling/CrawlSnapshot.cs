using System.Globalization;
using System.Text;

namespace AsyncLab;

/// <summary>
/// What a <see cref="CrawlDashboard"/> read from the crawler's instruments at one moment. Displays itself as a small
/// panel with a progress bar, the form a live display shows while the crawl runs.
/// </summary>
/// <param name="Elapsed">The time since the dashboard started.</param>
/// <param name="Done">Pages fetched successfully.</param>
/// <param name="Failed">Pages given up on.</param>
/// <param name="Retried">Requests sent again after a failed attempt.</param>
/// <param name="InFlight">Requests in flight at this moment.</param>
/// <param name="Goal">The number of pages the crawl means to finish, or null when unknown.</param>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed record CrawlSnapshot(TimeSpan Elapsed, int Done, int Failed, int Retried, int InFlight, int? Goal) : IHtmlFormattable
{
    /// <summary>Pages finished (fetched or given up on) per second since the start.</summary>
    public double Throughput => Elapsed > TimeSpan.Zero ? (Done + Failed) / Elapsed.TotalSeconds : 0;

    /// <summary>The share of finished pages that failed, from 0 to 1.</summary>
    public double ErrorRate => Done + Failed > 0 ? (double)Failed / (Done + Failed) : 0;

    /// <summary>The share of <see cref="Goal"/> finished, from 0 to 1; 0 when there is no goal.</summary>
    public double Progress => Goal is > 0 and int goal ? Math.Min(1, (double)(Done + Failed) / goal) : 0;

    /// <summary>One line: "12.3 s: 120 done, 4 failed, 7 retried, 8 in flight; 10.1 pages/s, 3.2 % errors".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Elapsed.TotalSeconds:0.0} s: {Done} done{(Goal is int goal ? " of " + goal.ToString(CultureInfo.InvariantCulture) : "")}, {Failed} failed, {Retried} retried, {InFlight} in flight; {Throughput:0.0} pages/s, {ErrorRate * 100:0.0} % errors");

    /// <summary>A panel with a progress bar and the figures of <see cref="ToString"/>, with inline styles only.</summary>
    public string ToHtml()
    {
        string percent = (Progress * 100).ToString("0.0", CultureInfo.InvariantCulture);
        var html = new StringBuilder("<div style=\"font-family:sans-serif;border:1px solid #ccc;border-radius:6px;padding:8px 12px;max-width:640px\">");
        if (Goal is not null)
        {
            html.Append("<div style=\"background:#eee;border-radius:4px;height:14px;margin-bottom:6px\"><div style=\"background:#4c78a8;height:14px;border-radius:4px;width:")
                .Append(percent).Append("%\"></div></div>");
        }

        return html.Append("<div>").Append(Html.Encode(ToString())).Append("</div></div>").ToString();
    }
}
