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
                var run = await NotebookProcess.RunAsync(notebooks[index], optionsFor(notebooks[index])).ConfigureAwait(false);
                runs[index] = run;
                lock (gate)
                {
                    finished?.Invoke(run);
                }
            }).ConfigureAwait(false);
        return runs;
    }
}
