namespace AsyncLab;

/// <summary>Charts of a <see cref="ResourcePool{T}"/>'s log.</summary>
/// <example><c>pool.OccupancyChart("Five callers, three connections")</c> as the last line of a cell shows the chart.</example>
public static class ResourcePoolCharts
{
    /// <summary>
    /// Resources in use and callers waiting over time, as steps, with the pool's size as a line:
    /// "in use" touching "size" means the pool was exhausted, and callers then wait.
    /// </summary>
    /// <param name="pool">The pool to draw; its log is drawn up to now.</param>
    /// <param name="title">The chart's title.</param>
    public static PlotlyChart OccupancyChart<T>(this ResourcePool<T> pool, string title)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(pool);
        Require.NotBlank(title, "A chart title");
        IReadOnlyList<PoolStep> steps = pool.Steps;
        double now = Math.Max(pool.Elapsed.TotalSeconds, steps[^1].At.TotalSeconds);
        IEnumerable<(double X, double Y)> Line(Func<PoolStep, int> value) =>
            [.. steps.Where((step, index) => index == 0 || value(step) != value(steps[index - 1])).Select(step => (step.At.TotalSeconds, (double)value(step))), (now, value(steps[^1]))];

        // The size first, so that "in use" is drawn over it where the pool is exhausted.
        ChartSeries[] series =
        [
            new("size", [(0, pool.Size), (now, pool.Size)]) { Steps = true },
            new("in use", Line(step => step.InUse)) { Steps = true },
            new("waiting", Line(step => step.Waiting)) { Steps = true },
        ];
        return SeriesChart.Create(title, "time (s)", "resources in use / callers waiting", series);
    }
}
