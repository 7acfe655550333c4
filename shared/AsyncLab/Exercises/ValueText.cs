using System.Collections;
using System.Globalization;

namespace AsyncLab;

/// <summary>Shows values the way C# code writes them: "text" in quotes, sequences as [1, 2, 3], null as null.</summary>
internal static class ValueText
{
    private const int MaxItems = 10;

    /// <summary>The value as a learner would recognise it in code.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        bool flag => flag ? "true" : "false",
        IEnumerable sequence => Sequence(sequence),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Sequence(IEnumerable sequence)
    {
        object?[] items = [.. sequence.Cast<object?>().Take(MaxItems + 1)];
        IEnumerable<string> shown = items.Take(MaxItems).Select(Format);
        return "[" + string.Join(", ", items.Length > MaxItems ? [.. shown, "…"] : shown) + "]";
    }
}
