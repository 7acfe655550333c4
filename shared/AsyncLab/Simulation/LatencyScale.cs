using System.Globalization;
using System.Runtime.CompilerServices;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Multiplies every simulated latency, so a whole course can run faster (for example in CI with
/// <c>ASYNCLAB_LATENCY_SCALE=0.1</c>) without changing a notebook.
/// </summary>
public static class LatencyScale
{
    /// <summary>The environment variable that sets <see cref="Current"/>: "ASYNCLAB_LATENCY_SCALE".</summary>
    public const string EnvironmentVariable = "ASYNCLAB_LATENCY_SCALE";

    /// <summary>The largest valid scale.</summary>
    private const double Maximum = 100;

    /// <summary>
    /// The scale from <see cref="EnvironmentVariable"/>, read on every call; 1 when it is not set.
    /// It must be a number greater than 0 and at most 100, written with a dot (0.5).
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable holds something else.</exception>
    public static double Current
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return 1.0;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double scale) && IsValid(scale))
            {
                return scale;
            }

            throw new InvalidOperationException(
                $"The environment variable {EnvironmentVariable} must be a number greater than 0 and at most 100, such as 0.5, but was \"{text}\".");
        }
    }

    /// <summary>The latency multiplied by the scale, rounded to the nearest tick.</summary>
    /// <param name="latency">A latency, zero or positive.</param>
    /// <param name="scale">A number greater than 0 and at most 100.</param>
    /// <example><c>LatencyScale.Apply(TimeSpan.FromSeconds(2), 0.5)</c> is 1 second.</example>
    public static TimeSpan Apply(TimeSpan latency, double scale)
    {
        Require.NonNegative(latency, "Latency");
        Validate(scale);
        return latency * scale;
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> unless <paramref name="scale"/> is a valid scale.</summary>
    internal static void Validate(double scale, [CallerArgumentExpression(nameof(scale))] string? paramName = null)
    {
        if (!IsValid(scale))
        {
            throw new ArgumentOutOfRangeException(paramName, Invariant($"A latency scale must be a number greater than 0 and at most 100, such as 0.5, but was {scale}."));
        }
    }

    /// <summary>Returns <paramref name="scale"/> after checking it, when there is one: null means "the current scale".</summary>
    internal static double? ValidateOptional(double? scale, string paramName)
    {
        if (scale is double value)
        {
            Validate(value, paramName);
        }

        return scale;
    }

    private static bool IsValid(double scale) => scale > 0 && scale <= Maximum;
}
