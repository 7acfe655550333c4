using Microsoft.Extensions.Hosting;

namespace AsyncLab;

/// <summary>
/// A host lifetime that does nothing: a <see cref="LocalSite"/> lives inside a notebook kernel or a test,
/// so it must not take over the process's Ctrl+C and SIGTERM handling the way the console lifetime does.
/// It stops when it is disposed.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
