using System.Net;
using System.Net.Sockets;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Many open TCP connections to a server on this machine (127.0.0.1 only, never the network): the client ends to
/// wait on, and a server that answers every one of them with one byte when asked. Disposing closes every socket.
/// </summary>
/// <example>
/// <code>
/// await using LoopbackConnections connections = await LoopbackConnections.OpenAsync(2_000);
/// Task&lt;int&gt;[] reads = [.. connections.Clients.Select(client => client.ReadAsync(new byte[1]).AsTask())];
/// connections.AnswerAll();
/// await Task.WhenAll(reads);
/// </code>
/// </example>
public sealed class LoopbackConnections : IAsyncDisposable
{
    private const int MaximumCount = 10_000;
    private readonly TcpListener _listener;
    private readonly List<TcpClient> _clients;
    private readonly List<Socket> _served;

    private LoopbackConnections(TcpListener listener, List<TcpClient> clients, List<Socket> served)
    {
        _listener = listener;
        _clients = clients;
        _served = served;
    }

    /// <summary>The client end of each connection: a read waits until the server answers.</summary>
    public IReadOnlyList<NetworkStream> Clients => field ??= [.. _clients.Select(client => client.GetStream())];

    /// <summary>Opens <paramref name="count"/> connections to a listener on 127.0.0.1 at a free port.</summary>
    /// <param name="count">How many connections, from 1 to 10,000 (each uses two sockets).</param>
    /// <param name="cancellationToken">Stops opening connections; those already open are closed.</param>
    public static async Task<LoopbackConnections> OpenAsync(int count, CancellationToken cancellationToken = default)
    {
        if (count < 1 || count > MaximumCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), Invariant($"The number of connections must be from 1 to {MaximumCount:N0}, but was {count}."));
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        var clients = new List<TcpClient>(count);
        var served = new List<Socket>(count);
        var connections = new LoopbackConnections(listener, clients, served);
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            for (int index = 0; index < count; index++)
            {
                var client = new TcpClient { NoDelay = true };
                clients.Add(client);
                Task connecting = client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).AsTask();
                served.Add(await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false));
                await connecting.ConfigureAwait(false);
            }

            return connections;
        }
        catch
        {
            await connections.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The server sends one byte on every connection, which completes a pending read on each client.</summary>
    public void AnswerAll()
    {
        byte[] answer = [1];
        foreach (Socket socket in _served)
        {
            socket.Send(answer);
        }
    }

    /// <summary>Closes every connection and the listener.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (TcpClient client in _clients)
        {
            client.Dispose();
        }

        foreach (Socket socket in _served)
        {
            socket.Dispose();
        }

        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
