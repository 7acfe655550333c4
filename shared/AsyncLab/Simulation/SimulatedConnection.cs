namespace AsyncLab;

/// <summary>
/// A pretend open connection (to a database, a file, a socket) handed out by
/// <see cref="SimulatedConnections.Open(string)"/>. It stays open, and counts in
/// <see cref="SimulatedConnections.OpenCount"/>, until it is disposed: the count shows whether cleanup ran.
/// </summary>
/// <example>
/// <code>
/// await using (SimulatedConnection db = connections.Open("db"))
/// {
///     await io.FetchAsync("query", TimeSpan.FromSeconds(1), cancellationToken);
/// }   // closed here, even when the query is canceled
/// </code>
/// </example>
public sealed class SimulatedConnection : IAsyncDisposable, IDisposable
{
    private readonly SimulatedConnections _owner;
    private int _closed;

    internal SimulatedConnection(SimulatedConnections owner, string name)
    {
        _owner = owner;
        Name = name;
    }

    /// <summary>The name the connection was opened with, such as "db".</summary>
    public string Name { get; }

    /// <summary>True until the connection is disposed.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Closes the connection. Closing it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _owner.Closed(this);
        }
    }

    /// <summary>Closes the connection, for <c>await using</c>. Closing it again does nothing.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The name and whether the connection is open, such as "db (open)".</summary>
    public override string ToString() => Name + (IsOpen ? " (open)" : " (closed)");
}
