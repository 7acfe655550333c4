using Microsoft.DotNet.Interactive.Formatting;
using NotebookRunner.Formatting;

namespace NotebookRunner.Scripting;

/// <summary>
/// Formats displayed values with the real kernel's own formatter package, set up as the tool sets it up:
/// HTML by default, strings as plain text, and a type's own formatters found through an attribute named
/// <c>TypeFormatterSourceAttribute</c>. Both engines therefore show every value alike.
/// </summary>
internal static class ValueFormatter
{
    static ValueFormatter()
    {
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }

    /// <summary>Formats <paramref name="value"/> (null too, as <c>&lt;null&gt;</c>) for display, and recognises an exercise check.</summary>
    public static NotebookRunner.Formatting.FormattedValue Format(object? value) =>
        new(
            [.. Microsoft.DotNet.Interactive.Formatting.FormattedValue.CreateManyFromObject(value).Select(formatted => new KeyValuePair<string, string>(formatted.MimeType, formatted.Value))],
            value is null ? null : CheckOutcome.Recognise(value));
}
