namespace AsyncLab;

/// <summary>
/// One resource rented from a <see cref="ResourcePool{T}"/>. Disposing the lease gives the resource back;
/// use <c>await using</c> so that it goes back however the block is left.
/// </summary>
/// <typeparam name="T">The type of the pooled resource.</typeparam>
public sealed class PoolLease<T> : IAsyncDisposable, IDisposable
    where T : class
{
    private readonly ResourcePool<T> _pool;
    private readonly T _resource;
    private int _returned;

    internal PoolLease(ResourcePool<T> pool, T resource)
    {
        _pool = pool;
        _resource = resource;
    }

    /// <summary>The rented resource.</summary>
    /// <exception cref="ObjectDisposedException">The lease was already disposed: the resource belongs to the pool again.</exception>
    public T Resource => IsReturned
        ? throw new ObjectDisposedException(nameof(PoolLease<T>), "This lease was disposed, so its resource is back in the pool: rent another one.")
        : _resource;

    /// <summary>True once the resource has gone back to the pool.</summary>
    public bool IsReturned => Volatile.Read(ref _returned) != 0;

    /// <summary>Gives the resource back to the pool. Disposing again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            _pool.Return(_resource);
        }
    }

    /// <summary>Gives the resource back to the pool, for <c>await using</c>. Disposing again does nothing.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The resource and whether it is still rented.</summary>
    public override string ToString() => _resource + (IsReturned ? " (returned)" : " (rented)");
}
