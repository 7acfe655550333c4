namespace NotebookRunner.Hosting;

/// <summary>Keeps the last lines a child process wrote to its standard error, to explain a crash.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 40;
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public string Text
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public async Task ReadAsync(StreamReader error)
    {
        while (await error.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (gate)
            {
                lines.Enqueue(line);
                if (lines.Count > MaxLines)
                {
                    lines.Dequeue();
                }
            }
        }
    }
}
