using System.Threading.Channels;

namespace AsyncLab;

/// <summary>A reader that passes everything to <paramref name="inner"/>, counts the items read and watches each reading thread for blocking.</summary>
internal sealed class WatchedChannelReader<T>(ChannelReader<T> inner, ThreadBlockingProbe probe) : ChannelReader<T>
{
    private int _read;

    /// <summary>How many items were read through this reader.</summary>
    public int ItemsRead => Volatile.Read(ref _read);

    public override Task Completion => inner.Completion;

    public override bool CanCount => inner.CanCount;

    public override int Count => inner.Count;

    public override bool CanPeek => inner.CanPeek;

    public override bool TryPeek(out T item) => inner.TryPeek(out item!);

    public override bool TryRead(out T item)
    {
        if (!inner.TryRead(out item!))
        {
            return false;
        }

        Interlocked.Increment(ref _read);
        probe.Watch();
        return true;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);

    public override async ValueTask<T> ReadAsync(CancellationToken cancellationToken = default)
    {
        T item = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _read);
        probe.Watch();
        return item;
    }
}
