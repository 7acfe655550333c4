using NotebookRunner.Kernel;

namespace NotebookRunner.Hosting;

/// <summary>The child side: warms the compiler up, then executes the cells it is sent, reporting each one.</summary>
public static class ChildHost
{
    /// <summary>Reads the request from <paramref name="input"/> and reports on <paramref name="protocol"/>.</summary>
    public static async Task RunAsync(TextReader input, Stream protocol)
    {
        var warmUp = Task.Run(ScriptKernel.WarmUpAsync);
        var (directory, cells) = ChildProtocol.ReadRequest(await input.ReadToEndAsync().ConfigureAwait(false));
        await using var writer = new StreamWriter(protocol) { AutoFlush = true };
        await warmUp.ConfigureAwait(false);

        var kernel = new ScriptKernel(directory);
        await writer.WriteLineAsync(ChildProtocol.Event(ChildProtocol.Ready)).ConfigureAwait(false);
        for (var cell = 0; cell < cells.Count; cell++)
        {
            await writer.WriteLineAsync(ChildProtocol.Event(ChildProtocol.Started, cell)).ConfigureAwait(false);
            var result = await kernel.SubmitAsync(cells[cell]).ConfigureAwait(false);
            await writer.WriteLineAsync(ChildProtocol.Result(cell, result)).ConfigureAwait(false);
        }
    }
}
