namespace AsyncLab;

/// <summary>
/// A pretend log file on a slow disk: each <see cref="WriteLineAsync"/> takes <see cref="WriteLatency"/>, is recorded
/// as an operation named after the line, and appends the line when it ends. It counts how many writes overlap,
/// because two writers appending to one file at once interleave their lines.
/// </summary>
/// <example>
/// <code>
/// var file = new SimulatedLogFile(io, TimeSpan.FromSeconds(0.05));
/// await file.WriteLineAsync("started");
/// file.Lines   // ["started"]
/// </code>
/// </example>
public sealed class SimulatedLogFile
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly SimulatedIO _io;
    private int _writing;
    private int _peakWriting;

    /// <summary>A file whose writes take <paramref name="writeLatency"/> (before the latency scale) on <paramref name="io"/>.</summary>
    /// <param name="io">The simulated I/O that times and records each write.</param>
    /// <param name="writeLatency">How long one write takes, zero or positive, before the latency scale.</param>
    public SimulatedLogFile(SimulatedIO io, TimeSpan writeLatency)
    {
        ArgumentNullException.ThrowIfNull(io);
        Require.NonNegative(writeLatency, "The write latency");
        _io = io;
        WriteLatency = writeLatency;
    }

    /// <summary>How long one write takes, before the latency scale.</summary>
    public TimeSpan WriteLatency { get; }

    /// <summary>The lines written so far, in the order their writes ended.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>How many writes are in progress now.</summary>
    public int WritesInProgress => Volatile.Read(ref _writing);

    /// <summary>The most writes that were in progress at the same time; 1 when every write waited for the previous one.</summary>
    public int PeakConcurrentWrites => Volatile.Read(ref _peakWriting);

    /// <summary>Writes <paramref name="line"/>: waits <see cref="WriteLatency"/> without blocking a thread, then appends it.</summary>
    /// <param name="line">The line to append.</param>
    /// <param name="cancellationToken">Cancels the write; the line is then not appended.</param>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken = default)
    {
        Require.NotBlank(line, "A log line");
        int writing = Interlocked.Increment(ref _writing);
        lock (_gate)
        {
            _peakWriting = Math.Max(_peakWriting, writing);
        }

        try
        {
            await _io.FetchAsync(line, WriteLatency, cancellationToken);
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writing);
        }
    }
}
