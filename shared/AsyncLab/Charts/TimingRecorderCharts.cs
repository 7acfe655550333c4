namespace AsyncLab;

/// <summary>Charts drawn straight from a <see cref="TimingRecorder"/>, with running operations drawn up to now.</summary>
/// <example><c>recorder.Timeline("Sequential")</c> as the last line of a cell shows the chart.</example>
public static class TimingRecorderCharts
{
    /// <summary>A timeline of the recorder's operations (see <see cref="TimelineChart"/>).</summary>
    /// <param name="recorder">The recorder to draw.</param>
    /// <param name="title">The chart's title; the elapsed time is appended.</param>
    public static PlotlyChart Timeline(this TimingRecorder recorder, string title)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var (operations, now) = recorder.Snapshot();
        return TimelineChart.Create(title, operations, now);
    }

    /// <summary>Operations in flight over time (see <see cref="AsyncLab.ConcurrencyChart"/>).</summary>
    /// <param name="recorder">The recorder to draw.</param>
    /// <param name="title">The chart's title; the peak and average are appended.</param>
    public static PlotlyChart ConcurrencyChart(this TimingRecorder recorder, string title)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var (operations, now) = recorder.Snapshot();
        return AsyncLab.ConcurrencyChart.Create(title, operations, now);
    }
}
