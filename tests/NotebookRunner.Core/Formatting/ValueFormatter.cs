namespace NotebookRunner.Formatting;

/// <summary>
/// Chooses how a displayed value appears, as kernel.md describes: a string as <c>text/plain</c>; a type
/// with a formatter source as its own mime types; markup from <c>HTML(...)</c> as it is; anything else
/// as one <c>text/html</c> rendering.
/// </summary>
public static class ValueFormatter
{
    /// <summary>Formats <paramref name="value"/> for display.</summary>
    public static FormattedValue Format(object value)
    {
        if (value is string text)
        {
            return new FormattedValue([new("text/plain", text)]);
        }

        if (value is HtmlContent html)
        {
            return new FormattedValue([new("text/html", html.Html)]);
        }

        var own = FormatterSourceConvention.Format(value);
        var data = own.Count > 0 ? own : [new("text/html", HtmlRendering.Render(value))];
        return new FormattedValue(data, CheckOutcome.Recognise(value));
    }
}
