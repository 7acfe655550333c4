using System.Runtime.CompilerServices;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Argument checks shared by the public entry points. Each message is a full sentence that names the
/// bad value and says what would be valid, because learners read these messages in notebook outputs.
/// </summary>
internal static class Require
{
    /// <summary>Throws unless <paramref name="value"/> contains at least one visible character.</summary>
    public static void NotBlank(
        string value,
        string what,
        [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} must contain at least one visible character, but was \"{value}\".", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is zero or positive.</summary>
    public static void NonNegative(
        TimeSpan value,
        string what,
        [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, Invariant($"{what} must be zero or positive, but was {value}."));
        }
    }

    /// <summary>Copies <paramref name="items"/> to an array, throwing if the sequence or one of its items is null.</summary>
    public static T[] NoNulls<T>(
        IEnumerable<T> items,
        string what,
        [CallerArgumentExpression(nameof(items))] string? paramName = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        T[] copy = [.. items];
        int index = Array.IndexOf(copy, null);
        if (index >= 0)
        {
            throw new ArgumentException(Invariant($"{what} must not contain null, but the item at index {index} was null."), paramName);
        }

        return copy;
    }
}
