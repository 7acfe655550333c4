using static System.FormattableString;

namespace AsyncLab;

/// <summary>One named line of a <see cref="SeriesChart"/>: its points in drawing order.</summary>
public sealed record ChartSeries
{
    /// <summary>A series called <paramref name="name"/> through <paramref name="points"/>.</summary>
    /// <param name="name">The name shown in the legend.</param>
    /// <param name="points">The points in drawing order; every coordinate must be a finite number.</param>
    public ChartSeries(string name, IEnumerable<(double X, double Y)> points)
    {
        Require.NotBlank(name, "A series name");
        ArgumentNullException.ThrowIfNull(points);
        (double X, double Y)[] all = [.. points];
        int bad = Array.FindIndex(all, p => !double.IsFinite(p.X) || !double.IsFinite(p.Y));
        if (bad >= 0)
        {
            throw new ArgumentException(Invariant($"Every point of series \"{name}\" must have finite coordinates, but point {bad} was ({all[bad].X}, {all[bad].Y})."), nameof(points));
        }

        Name = name;
        Points = all;
    }

    /// <summary>The name shown in the legend.</summary>
    public string Name { get; }

    /// <summary>The points in drawing order.</summary>
    public IReadOnlyList<(double X, double Y)> Points { get; }

    /// <summary>Draw the value as holding until the next point (a step), as for a count over time.</summary>
    public bool Steps { get; init; }

    /// <summary>Draw each point as a marker without lines between them, for measurements taken at separate moments (such as how late each tick came).</summary>
    public bool MarkersOnly { get; init; }

    /// <summary>Plot against the right-hand axis, for a second quantity with another unit.</summary>
    public bool OnSecondaryAxis { get; init; }
}
