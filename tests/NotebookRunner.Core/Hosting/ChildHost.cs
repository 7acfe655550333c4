namespace NotebookRunner.Hosting;

/// <summary>The child side: warms its engine up, then executes the cells it is sent, reporting each one.</summary>
public static class ChildHost
{
    /// <summary>Reads the request from <paramref name="input"/>, runs its cells in a new engine and reports on <paramref name="protocol"/>.</summary>
    /// <param name="input">Where the request arrives: the notebook's folder and its C# cells.</param>
    /// <param name="protocol">Where the events go, one JSON object per line.</param>
    /// <param name="warmUp">Work that makes the first cell fast; it runs while the request is read.</param>
    /// <param name="createEngine">Makes the engine for a notebook in the given folder.</param>
    public static async Task RunAsync(TextReader input, Stream protocol, Func<Task> warmUp, Func<string, Task<ICellEngine>> createEngine)
    {
        var warming = Task.Run(warmUp);
        var (directory, cells) = ChildProtocol.ReadRequest(await input.ReadToEndAsync().ConfigureAwait(false));
        await using var writer = new StreamWriter(protocol) { AutoFlush = true };
        await warming.ConfigureAwait(false);

        var engine = await createEngine(directory).ConfigureAwait(false);
        await writer.WriteLineAsync(ChildProtocol.Event(ChildProtocol.Ready)).ConfigureAwait(false);
        for (var cell = 0; cell < cells.Count; cell++)
        {
            await writer.WriteLineAsync(ChildProtocol.Event(ChildProtocol.Started, cell)).ConfigureAwait(false);
            var result = await engine.SubmitAsync(cells[cell]).ConfigureAwait(false);
            await writer.WriteLineAsync(ChildProtocol.Result(cell, result)).ConfigureAwait(false);
        }
    }
}
