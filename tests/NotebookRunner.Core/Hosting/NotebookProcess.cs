using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Hosting;

/// <summary>
/// Executes one notebook in a child process and collects each cell's result as it arrives. A cell that
/// runs past the timeout, or a child that dies, ends that notebook's process; the cells that finished
/// keep their outputs, and the run goes on with the next notebook.
/// </summary>
public static class NotebookProcess
{
    /// <summary>Runs the C# cells of <paramref name="notebook"/>, in order, in a new child process.</summary>
    public static async Task<NotebookRun> RunAsync(NotebookDocument notebook, RunOptions options)
    {
        var code = notebook.Cells.Where(cell => cell.IsCSharp).ToList();
        var results = notebook.Cells.Select(cell => cell.IsForeign ? Failure(CellStatus.Failed, "KernelNotFound", cell.ForeignKernelMessage) : CellResult.NotRun).ToArray();
        var clock = Stopwatch.StartNew();
        using var child = Start(options, notebook.Directory);
        try
        {
            return await CollectAsync(notebook, options, code, results, clock, child).ConfigureAwait(false);
        }
        finally
        {
            // Also when the child's messages make no sense: a child is never left running.
            Stop(child);
        }
    }

    private static async Task<NotebookRun> CollectAsync(NotebookDocument notebook, RunOptions options, List<NotebookCell> code, CellResult[] results, Stopwatch clock, Process child)
    {
        var messages = Channel.CreateUnbounded<JsonNode>();
        var errors = new StderrTail();
        _ = PumpAsync(child.StandardOutput, messages.Writer);
        var errorsRead = errors.ReadAsync(child.StandardError);
        await child.StandardInput.WriteAsync(ChildProtocol.Request(notebook.Directory, code.Select(cell => cell.Source))).ConfigureAwait(false);
        child.StandardInput.Close();

        var startup = TimeSpan.Zero;
        var running = -1;
        var deadline = options.StartupTimeout;
        var finished = 0;
        while (finished < code.Count)
        {
            var message = await NextAsync(messages.Reader, deadline).ConfigureAwait(false);
            if (message is null)
            {
                var timedOut = !messages.Reader.Completion.IsCompleted;
                Stop(child);
                var cell = code[Math.Max(running, finished)];
                results[cell.Index] = timedOut ? TimedOut(options, running < 0) : await CrashedAsync(child, errors, errorsRead).ConfigureAwait(false);
                options.CellFinished?.Invoke(cell, results[cell.Index]);
                break;
            }

            switch (message["event"]?.GetValue<string>())
            {
                case ChildProtocol.Ready:
                    startup = clock.Elapsed;
                    break;
                case ChildProtocol.Started:
                    running = message["cell"]!.GetValue<int>();
                    deadline = options.CellTimeout;
                    break;
                case ChildProtocol.Finished:
                    var done = code[message["cell"]!.GetValue<int>()];
                    results[done.Index] = ChildProtocol.ReadResult(message);
                    options.CellFinished?.Invoke(done, results[done.Index]);
                    finished++;
                    break;
            }
        }

        return new NotebookRun(notebook, results, clock.Elapsed, startup);
    }

    /// <summary>Starts the child in the notebook's folder, as VS Code starts the kernel, so relative paths in cells resolve from there.</summary>
    private static Process Start(RunOptions options, string directory)
    {
        var start = new ProcessStartInfo(options.Child.FileName)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in options.Child.ChildArguments(options.Engine))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {options.Child.FileName}.");
    }

    private static async Task PumpAsync(StreamReader output, ChannelWriter<JsonNode> messages)
    {
        while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (ChildProtocol.Parse(line) is { } message)
            {
                messages.TryWrite(message);
            }
        }

        messages.Complete();
    }

    private static async Task<JsonNode?> NextAsync(ChannelReader<JsonNode> messages, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            return await messages.WaitToReadAsync(timer.Token).ConfigureAwait(false) && messages.TryRead(out var message) ? message : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static CellResult TimedOut(RunOptions options, bool duringStartup)
    {
        var limit = duringStartup ? options.StartupTimeout : options.CellTimeout;
        var message = duringStartup
            ? $"The notebook's process did not get ready within {limit.TotalSeconds:0.#} s, so the runner stopped it."
            : $"The cell ran for more than {limit.TotalSeconds:0.#} s, so the runner stopped the notebook's process. Code that can hang needs its own timeout (the Stop button does not interrupt running code either); to allow slower cells, pass --cell-timeout.";
        return Failure(CellStatus.TimedOut, "TimeoutError", message) with { RunTime = limit };
    }

    private static async Task<CellResult> CrashedAsync(Process child, StderrTail errors, Task errorsRead)
    {
        await child.WaitForExitAsync().ConfigureAwait(false);
        await errorsRead.ConfigureAwait(false);
        var message = $"The notebook's process ended unexpectedly (exit code {child.ExitCode}) while this cell ran. An exception that escapes to the thread pool, e.g. from an async void method, ends the process.";
        return Failure(CellStatus.Failed, "ProcessExited", message, errors.Text);
    }

    private static CellResult Failure(CellStatus status, string name, string message, string details = "")
    {
        var error = CellOutputs.ErrorOutput(name, message, $"{message}\n{details}".TrimEnd().Split('\n'));
        return new CellResult(status, [error], null, TimeSpan.Zero, TimeSpan.Zero);
    }

    private static void Stop(Process child)
    {
        try
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
