using System.Text;

namespace AsyncLab;

/// <summary>
/// The verdict of an exercise check: passed, or "not yet" with what was measured and a hint.
/// Displays itself as a green or amber box in a notebook.
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed class CheckResult : IHtmlFormattable
{
    internal CheckResult(string title, IReadOnlyList<ExpectationOutcome> expectations, string? hint)
    {
        Title = title;
        Expectations = expectations;
        Passed = expectations.All(e => e.Met);
        Hint = Passed ? null : hint;
    }

    /// <summary>The exercise's title.</summary>
    public string Title { get; }

    /// <summary>True when every expectation was met.</summary>
    public bool Passed { get; }

    /// <summary>Each expectation with whether it was met and what was measured.</summary>
    public IReadOnlyList<ExpectationOutcome> Expectations { get; }

    /// <summary>The hint of the first unmet expectation, with what was measured; null when passed.</summary>
    public string? Hint { get; }

    /// <summary>"✅ PASSED: title" or "⏳ NOT YET: title", one line per expectation, then the hint if not passed.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Headline());
        foreach (ExpectationOutcome expectation in Expectations)
        {
            text.Append('\n').Append(Line(expectation));
        }

        if (Hint is not null)
        {
            text.Append("\n  Hint: ").Append(Hint);
        }

        return text.ToString();
    }

    /// <summary>The same content as <see cref="ToString"/> in a green (passed) or amber (not yet) box.</summary>
    public string ToHtml()
    {
        string color = Passed ? "#2e9d5b" : "#d4a017";
        string background = Passed ? "rgba(46,157,91,0.08)" : "rgba(212,160,23,0.10)";
        var html = new StringBuilder()
            .Append("<div style=\"border:2px solid ").Append(color).Append(";background:").Append(background)
            .Append(";border-radius:6px;padding:8px 12px;margin:4px 0\">")
            .Append("<div style=\"font-weight:600\">").Append(Html.Encode(Headline())).Append("</div>")
            .Append("<ul style=\"list-style:none;margin:6px 0 0 0;padding:0\">");
        foreach (ExpectationOutcome expectation in Expectations)
        {
            html.Append("<li>").Append(Html.Encode(Line(expectation).Trim())).Append("</li>");
        }

        html.Append("</ul>");
        if (Hint is not null)
        {
            html.Append("<div style=\"margin-top:6px\"><b>Hint:</b> ").Append(Html.Encode(Hint)).Append("</div>");
        }

        return html.Append("</div>").ToString();
    }

    private string Headline() => (Passed ? "✅ PASSED: " : "⏳ NOT YET: ") + Title;

    private static string Line(ExpectationOutcome expectation) =>
        (expectation.Met ? "  ✔ " : "  ✘ ") + expectation.Description + " — " + expectation.Measured;
}
