namespace NotebookRunner.Formatting;

/// <summary>A value turned into mime-typed text, ready to become a notebook output.</summary>
/// <param name="Data">Mime type to text, in the order the formatters gave them.</param>
/// <param name="Check">The exercise check the value represents, if any.</param>
public sealed record FormattedValue(IReadOnlyList<KeyValuePair<string, string>> Data, CheckOutcome? Check = null);
