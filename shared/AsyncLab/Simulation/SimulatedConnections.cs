using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Hands out <see cref="SimulatedConnection"/>s and counts how many are open, so that a notebook or an
/// exercise check can see whether code closes what it opens, also when it is canceled or fails.
/// Safe to use from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var connections = new SimulatedConnections();
/// SimulatedConnection db = connections.Open("db");
/// connections.OpenCount   // 1
/// await db.DisposeAsync();
/// connections.OpenCount   // 0
/// </code>
/// </example>
public sealed class SimulatedConnections
{
    private readonly object _gate = new();
    private readonly List<SimulatedConnection> _open = [];
    private int _opened;

    /// <summary>How many connections are open now.</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>How many connections were opened in all, closed or not.</summary>
    public int OpenedCount
    {
        get
        {
            lock (_gate)
            {
                return _opened;
            }
        }
    }

    /// <summary>The names of the connections open now, in the order they were opened.</summary>
    public IReadOnlyList<string> OpenNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _open.Select(c => c.Name)];
            }
        }
    }

    /// <summary>Opens a connection at once; dispose it to close it.</summary>
    /// <param name="name">A short name for the connection, such as "db".</param>
    public SimulatedConnection Open(string name)
    {
        Require.NotBlank(name, "A connection name");
        var connection = new SimulatedConnection(this, name);
        lock (_gate)
        {
            _open.Add(connection);
            _opened++;
        }

        return connection;
    }

    /// <summary>The counts as text, such as "1 of 2 connections open: db".</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return Invariant($"{_open.Count} of {TextFormat.Count(_opened, "connection")} open")
                + (_open.Count == 0 ? "" : ": " + string.Join(", ", _open.Select(c => c.Name)));
        }
    }

    internal void Closed(SimulatedConnection connection)
    {
        lock (_gate)
        {
            _open.Remove(connection);
        }
    }
}
