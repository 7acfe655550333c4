namespace NotebookRunner.Formatting;

/// <summary>Markup that is shown as it is, as <c>text/html</c>: what <c>HTML(...)</c> returns in a cell.</summary>
/// <param name="Html">The markup.</param>
public sealed record HtmlContent(string Html)
{
    /// <summary>The markup.</summary>
    public override string ToString() => Html;
}
