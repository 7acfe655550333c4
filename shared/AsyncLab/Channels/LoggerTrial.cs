using System.Diagnostics;

namespace AsyncLab;

/// <summary>
/// Runs a learner's background logger as its callers would: two bursts of lines (8, a pause, then 6) that the
/// learner did not write, against a <see cref="SimulatedLogFile"/> whose writes take 0.05 s, then disposes it.
/// Each log call is timed on the real clock. The report is read by the <c>Expect.Log…</c> methods of chapter 07.
/// </summary>
/// <example>
/// <code>
/// await Exercise.CheckAsync("Callers never wait for the disk",
///     io => LoggerTrial.RunAsync(io, file => new ChannelLogger(file), (logger, line) => logger.Log(line)),
///     Expect.LogCallersNeverWait(), Expect.LogLinesWrittenInOrder())
/// </code>
/// </example>
public static class LoggerTrial
{
    /// <summary>How long one write to the trial's file takes, before the latency scale.</summary>
    public static readonly TimeSpan WriteLatency = TimeSpan.FromSeconds(0.05);

    private static readonly TimeSpan s_pause = TimeSpan.FromSeconds(0.3);

    /// <summary>Creates the logger on a fresh file, logs two bursts of lines through <paramref name="log"/>, disposes the logger, and reports.</summary>
    /// <typeparam name="TLogger">The learner's logger type; disposing it must write every line logged so far.</typeparam>
    /// <param name="io">The simulated I/O the file writes with.</param>
    /// <param name="create">Creates the logger that writes to the given file.</param>
    /// <param name="log">Logs one line; it must return at once.</param>
    /// <param name="cancellationToken">Stops the trial between bursts.</param>
    public static async Task<LoggerTrialReport> RunAsync<TLogger>(
        SimulatedIO io,
        Func<SimulatedLogFile, TLogger> create,
        Action<TLogger, string> log,
        CancellationToken cancellationToken = default)
        where TLogger : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(log);
        var file = new SimulatedLogFile(io, WriteLatency);
        TLogger logger = create(file) ?? throw new InvalidOperationException("The logger factory returned null: return a new logger.");
        var logged = new List<string>();
        var callTimes = new List<TimeSpan>();
        void LogBurst(string prefix, int count)
        {
            for (int i = 1; i <= count; i++)
            {
                string line = prefix + " " + i;
                long started = Stopwatch.GetTimestamp();
                log(logger, line);
                callTimes.Add(Stopwatch.GetElapsedTime(started));
                logged.Add(line);
            }
        }

        LogBurst("request", 8);
        await Task.Delay(LatencyScale.Apply(s_pause, io.LatencyScale), io.Recorder.TimeProvider, cancellationToken);
        LogBurst("retry", 6);
        await logger.DisposeAsync();
        var report = new LoggerTrialReport(logged, callTimes, LatencyScale.Apply(WriteLatency, io.LatencyScale), file.Lines, file.WritesInProgress, file.PeakConcurrentWrites);
        return report;
    }
}
