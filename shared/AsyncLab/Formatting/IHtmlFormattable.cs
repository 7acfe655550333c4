namespace AsyncLab;

/// <summary>A value that renders itself as HTML; its text/plain form is <see cref="object.ToString"/>.</summary>
internal interface IHtmlFormattable
{
    /// <summary>A self-contained HTML fragment: inline styles only, all text escaped.</summary>
    string ToHtml();
}
