using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter05ChecksTests : ChapterCheckTest
{
    [Fact]
    public Task CheckCopyAsync_AwaitUsing_Passes() => PassesAsync(Chapter05Checks.CheckCopyAsync(async (connections, readRows, writeRows, cancellationToken) =>
    {
        await using SimulatedConnection source = connections.Open("source");
        await readRows(cancellationToken);
        await using SimulatedConnection target = connections.Open("target");
        await writeRows(cancellationToken);
    }));

    [Fact]
    public Task CheckCopyAsync_NestedTryFinallyWithSynchronousDispose_Passes() => PassesAsync(Chapter05Checks.CheckCopyAsync(async (connections, readRows, writeRows, cancellationToken) =>
    {
        SimulatedConnection source = connections.Open("source");
        try
        {
            await readRows(cancellationToken);
            SimulatedConnection target = connections.Open("target");
            try
            {
                await writeRows(cancellationToken);
            }
            finally
            {
                target.Dispose();
            }
        }
        finally
        {
            source.Dispose();
        }
    }));

    [Fact]
    public Task CheckCopyAsync_ClosesAtTheEndOnly_NotYet() => NotYetAsync(Chapter05Checks.CheckCopyAsync(async (connections, readRows, writeRows, cancellationToken) =>
    {
        SimulatedConnection source = connections.Open("source");
        await readRows(cancellationToken);
        SimulatedConnection target = connections.Open("target");
        await writeRows(cancellationToken);
        await target.DisposeAsync();
        await source.DisposeAsync();
    }), "Every connection your code opened is closed again");

    [Fact]
    public Task CheckCopyAsync_ClosesOnlyWhenCanceled_NotYetWhenItRunsToItsEnd() => NotYetAsync(Chapter05Checks.CheckCopyAsync((connections, readRows, writeRows, cancellationToken) =>
        CopyClosingOnCancelAsync(connections, readRows, writeRows, closeAtTheEnd: false, cancellationToken)), "not canceled: Every connection");

    [Fact]
    public Task CheckCopyAsync_ProtectsOnlyTheWrite_NotYetWhenTheReadIsCanceled() => NotYetAsync(Chapter05Checks.CheckCopyAsync(async (connections, readRows, writeRows, cancellationToken) =>
    {
        SimulatedConnection source = connections.Open("source");
        await readRows(cancellationToken);
        await using SimulatedConnection target = connections.Open("target");
        try
        {
            await writeRows(cancellationToken);
        }
        finally
        {
            source.Dispose();
        }
    }), "canceled during the read (at 0.3 s): Every connection");

    [Fact]
    public Task CheckCopyAsync_SwallowsTheCancellation_NotYet() => NotYetAsync(Chapter05Checks.CheckCopyAsync(async (connections, readRows, writeRows, cancellationToken) =>
    {
        await using SimulatedConnection source = connections.Open("source");
        try
        {
            await readRows(cancellationToken);
            await using SimulatedConnection target = connections.Open("target");
            await writeRows(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }), "Lets the cancellation reach the caller");

    [Fact]
    public Task CheckCopyAsync_ClosesOnlyOnCancellationNotOnFailure_NotYetWhenTheWriteFails() => NotYetAsync(Chapter05Checks.CheckCopyAsync((connections, readRows, writeRows, cancellationToken) =>
        CopyClosingOnCancelAsync(connections, readRows, writeRows, closeAtTheEnd: true, cancellationToken)), "the write fails: Every connection");

    [Fact]
    public Task CheckPartsAsync_LinkedSourceCanceledByTheFirstFailure_Passes() => PassesAsync(Chapter05Checks.CheckPartsAsync(async (parts, cancellationToken) =>
    {
        using var group = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return await GroupAsync(parts, group);
    }));

    [Fact]
    public Task CheckPartsAsync_WhenAnyLoopThatCancelsAndDrains_Passes() => PassesAsync(Chapter05Checks.CheckPartsAsync((parts, cancellationToken) =>
        WhenAnyLoopAsync(parts, returnAtTheFirstFailure: false, cancellationToken)));

    [Fact]
    public Task CheckPartsAsync_PlainWhenAll_NotYetBecauseTheOthersRunOn() => NotYetAsync(Chapter05Checks.CheckPartsAsync((parts, cancellationToken) =>
        Task.WhenAll(parts.Select(part => part(cancellationToken)))), "are canceled by the time");

    [Fact]
    public Task CheckPartsAsync_CancelsButDoesNotWaitForTheOthers_NotYet() => NotYetAsync(Chapter05Checks.CheckPartsAsync((parts, cancellationToken) =>
        WhenAnyLoopAsync(parts, returnAtTheFirstFailure: true, cancellationToken)), "still running");

    [Fact]
    public Task CheckPartsAsync_IgnoresTheCallersToken_NotYetWhenTheCallerCancels() => NotYetAsync(Chapter05Checks.CheckPartsAsync(async (parts, cancellationToken) =>
    {
        using var group = new CancellationTokenSource();
        return await GroupAsync(parts, group);
    }), "the caller cancels");

    [Fact]
    public Task CheckPartsAsync_ReportsTheFailureAsACancellation_NotYet() => NotYetAsync(Chapter05Checks.CheckPartsAsync(async (parts, cancellationToken) =>
    {
        using var group = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return await GroupAsync(parts, group, failureAsCancellation: true);
    }), "A task was canceled");

    /// <summary>Loads the parts with a WhenAny loop that cancels the group at the first failure, then drains the rest, or rethrows at once without waiting for them.</summary>
    private static async Task<string[]> WhenAnyLoopAsync(Func<CancellationToken, Task<string>>[] parts, bool returnAtTheFirstFailure, CancellationToken cancellationToken)
    {
        using var group = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<string>[] running = [.. parts.Select(part => part(group.Token))];
        var pending = running.ToList();
        while (pending.Count > 0)
        {
            Task<string> done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (!done.IsCompletedSuccessfully)
            {
                await group.CancelAsync();
                if (returnAtTheFirstFailure)
                {
                    await done;
                }
            }
        }

        return await Task.WhenAll(running);
    }

    /// <summary>A copy that closes its connections in a catch for cancellations only, and at its end when <paramref name="closeAtTheEnd"/>.</summary>
    private static async Task CopyClosingOnCancelAsync(SimulatedConnections connections, Func<CancellationToken, Task> readRows, Func<CancellationToken, Task> writeRows, bool closeAtTheEnd, CancellationToken cancellationToken)
    {
        SimulatedConnection source = connections.Open("source");
        SimulatedConnection? target = null;
        try
        {
            await readRows(cancellationToken);
            target = connections.Open("target");
            await writeRows(cancellationToken);
            if (closeAtTheEnd)
            {
                target.Dispose();
                source.Dispose();
            }
        }
        catch (OperationCanceledException)
        {
            target?.Dispose();
            source.Dispose();
            throw;
        }
    }

    /// <summary>Runs every part with <paramref name="group"/>'s token; the first failure cancels the group and is rethrown, as it is or as a cancellation.</summary>
    private static async Task<string[]> GroupAsync(Func<CancellationToken, Task<string>>[] parts, CancellationTokenSource group, bool failureAsCancellation = false)
    {
        async Task<string> RunAsync(Func<CancellationToken, Task<string>> part)
        {
            try
            {
                return await part(group.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await group.CancelAsync();
                if (failureAsCancellation)
                {
                    throw new OperationCanceledException(group.Token);
                }

                throw;
            }
        }

        return await Task.WhenAll(parts.Select(RunAsync));
    }
}
