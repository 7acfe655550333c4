using System.Globalization;

namespace AsyncLab;

/// <summary>How numbers appear in text and HTML output: culture-invariant, seconds with 3 decimals.</summary>
internal static class TextFormat
{
    /// <summary>"3.004 s".</summary>
    public static string Seconds(TimeSpan value) => SecondsNumber(value) + " s";

    /// <summary>"3.004", the number of seconds with 3 decimals.</summary>
    public static string SecondsNumber(TimeSpan value) => value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>"1", "0.5", "1.25": a number with at most 3 decimals and no trailing zeros.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"1 operation", "3 operations".</summary>
    public static string Count(int count, string singular) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {singular}{(count == 1 ? "" : "s")}");
}
