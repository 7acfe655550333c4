using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Hosting;

/// <summary>
/// Runs several notebooks, each in its own child process, up to a given number at once. Results come
/// back in the order the notebooks were given, whatever order they finish in.
/// </summary>
public static class NotebookBatch
{
    /// <summary>The number of notebooks run at once when none is given: the machine's processor count.</summary>
    public static int DefaultParallelism => Environment.ProcessorCount;

    /// <summary>
    /// Runs <paramref name="notebooks"/> with at most <paramref name="parallel"/> child processes at once.
    /// <paramref name="optionsFor"/> gives each notebook its options (e.g. its own progress callback);
    /// <paramref name="finished"/> is called, one call at a time, as each notebook's run ends.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parallel"/> is less than 1.</exception>
    public static async Task<IReadOnlyList<NotebookRun>> RunAsync(
        IReadOnlyList<NotebookDocument> notebooks, int parallel, Func<NotebookDocument, RunOptions> optionsFor, Action<NotebookRun>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        ArgumentNullException.ThrowIfNull(optionsFor);
        if (parallel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallel), parallel, $"The number of notebooks run at once must be at least 1, but was {parallel}.");
        }

        var runs = new NotebookRun[notebooks.Count];
        var gate = new Lock();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, notebooks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (index, _) =>
            {
                var run = await RunOneAsync(notebooks[index], optionsFor(notebooks[index])).ConfigureAwait(false);
                runs[index] = run;
                lock (gate)
                {
                    finished?.Invoke(run);
                }
            }).ConfigureAwait(false);
        return runs;
    }

    /// <summary>
    /// Runs one notebook; a child whose messages the runner cannot follow (e.g. cell code that wrote to the
    /// protocol's stream itself) fails that notebook's first code cell, and the other notebooks still run.
    /// </summary>
    private static async Task<NotebookRun> RunOneAsync(NotebookDocument notebook, RunOptions options)
    {
        try
        {
            return await NotebookProcess.RunAsync(notebook, options).ConfigureAwait(false);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException or NullReferenceException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            var message = $"The runner could not follow the notebook's process ({error.GetType().Name}: {error.Message}), so it stopped it. Code that writes to the process's standard output stream directly, not through Console.Out, can cause this.";
            var first = notebook.Cells.FirstOrDefault(cell => cell.IsExecutable);
            var results = notebook.Cells
                .Select(cell => cell == first ? new CellResult(CellStatus.Failed, [CellOutputs.ErrorOutput("RunnerError", message, [message])], null, TimeSpan.Zero, TimeSpan.Zero) : CellResult.NotRun)
                .ToList();
            return new NotebookRun(notebook, results, TimeSpan.Zero, TimeSpan.Zero);
        }
    }
}
