using System.Diagnostics.CodeAnalysis;

namespace AsyncLab;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/> on AsyncLab's displayable
/// types. The kernel creates it by reflection and matches its members by name.
/// </summary>
internal sealed class HtmlFormatterSource
{
    /// <summary>Formatters for text/html (<see cref="IHtmlFormattable.ToHtml"/>) and text/plain (<see cref="object.ToString"/>).</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The kernel calls it on an instance it creates.")]
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter("text/html", value => value.ToHtml()),
        new MimeFormatter("text/plain", value => value.ToString() ?? ""),
    ];
}
