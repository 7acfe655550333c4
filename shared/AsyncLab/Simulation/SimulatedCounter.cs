using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A number kept by a remote service, such as a visit counter in a database: <see cref="ReadAsync"/> and
/// <see cref="WriteAsync"/> each take a simulated round trip, recorded on the <see cref="SimulatedIO"/>. Reading,
/// adding one and writing back is the classic lost update when two callers interleave: both read the same value,
/// both write it plus one. The counter notes how many read-then-write updates were in progress at once.
/// </summary>
/// <example>
/// <code>
/// var counter = new SimulatedCounter(io, TimeSpan.FromSeconds(0.05), initialValue: 0);
/// int seen = await counter.ReadAsync();
/// await counter.WriteAsync(seen + 1);
/// </code>
/// </example>
public sealed class SimulatedCounter
{
    private readonly object _gate = new();
    private readonly SimulatedIO _io;
    private readonly TimeSpan _latency;
    private readonly int? _failingWrite;
    private int _value;
    private int _reads;
    private int _writes;
    private int _inProgress;
    private int _mostInProgress;
    private int _attemptedWrites;

    /// <summary>A counter holding <paramref name="initialValue"/>, whose reads and writes each take <paramref name="latency"/>.</summary>
    /// <param name="io">The simulated I/O that waits and records each read and write.</param>
    /// <param name="latency">How long one read or one write takes (before the latency scale), zero or more.</param>
    /// <param name="initialValue">The value before the first write.</param>
    /// <param name="failingWrite">The number (from 1) of the one write that fails with a <see cref="SimulatedFailureException"/> and changes nothing; none when null.</param>
    public SimulatedCounter(SimulatedIO io, TimeSpan latency, int initialValue = 0, int? failingWrite = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        Require.NonNegative(latency, "A counter's latency");
        if (failingWrite is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(failingWrite), Invariant($"The failing write is counted from 1, but was {failingWrite}."));
        }

        _io = io;
        _latency = latency;
        _value = initialValue;
        _failingWrite = failingWrite;
    }

    /// <summary>The value now.</summary>
    public int Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>How many writes succeeded.</summary>
    public int Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes;
            }
        }
    }

    /// <summary>
    /// The most updates in progress at once: a read starts an update, the next write (or failed write) ends one. 1 means
    /// every read-then-write ran alone; more means some read a value that another was about to change.
    /// </summary>
    public int MostUpdatesInProgress
    {
        get
        {
            lock (_gate)
            {
                return _mostInProgress;
            }
        }
    }

    /// <summary>Reads the value: it is taken when the read starts, and arrives after the latency ("read N" in the recorder).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    public Task<int> ReadAsync(CancellationToken cancellationToken = default)
    {
        int value, number;
        lock (_gate)
        {
            value = _value;
            number = ++_reads;
            _mostInProgress = Math.Max(_mostInProgress, ++_inProgress);
        }

        return _io.FetchAsync(Invariant($"read {number}"), _latency, value, cancellationToken);
    }

    /// <summary>Writes <paramref name="value"/>; it replaces the value when the write ends ("write N" in the recorder).</summary>
    /// <param name="value">The new value.</param>
    /// <param name="cancellationToken">Stops the write; a stopped write changes nothing.</param>
    public async Task WriteAsync(int value, CancellationToken cancellationToken = default)
    {
        string name = Invariant($"write {value}");
        try
        {
            if (_failingWrite is int failing && TakeFailure(failing))
            {
                await _io.FailAsync(name, _latency, "the counter's database refused the write", cancellationToken);
            }

            await _io.FetchAsync(name, _latency, cancellationToken);
            lock (_gate)
            {
                _value = value;
                _writes++;
            }
        }
        finally
        {
            lock (_gate)
            {
                _inProgress--;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Invariant($"counter at {Value} after {TextFormat.Count(Writes, "write")}; at most {TextFormat.Count(MostUpdatesInProgress, "update")} in progress at once");

    private bool TakeFailure(int failing)
    {
        lock (_gate)
        {
            return ++_attemptedWrites == failing;
        }
    }
}
