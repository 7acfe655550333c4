namespace AsyncLab;

/// <summary>Builds chart titles that carry their key number.</summary>
internal static class ChartTitle
{
    /// <summary>"Sequential — 3.004 s", plus "(latencies × 0.5)" when <see cref="LatencyScale.Current"/> is not 1.</summary>
    public static string Timed(string title, string detail)
    {
        double scale = LatencyScale.Current;
        string note = scale == 1 ? "" : " (latencies × " + TextFormat.Number(scale) + ")";
        return title + " — " + detail + note;
    }
}
