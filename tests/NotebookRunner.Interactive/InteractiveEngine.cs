using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;

namespace NotebookRunner.Interactive;

/// <summary>
/// Executes a notebook's cells in the real .NET Interactive C# kernel, one <see cref="SubmitCode"/> per
/// cell, and writes what the kernel reports as the outputs a notebook front end shows.
/// </summary>
public sealed class InteractiveEngine : ICellEngine, IDisposable
{
    private readonly CompositeKernel kernel = KernelComposition.Create();
    private int executionCount;

    /// <summary>Builds a kernel and runs a small cell in it once, so that the first real cell does not pay for warming up.</summary>
    public static async Task WarmUpAsync()
    {
        using var engine = new InteractiveEngine();
        await engine.SubmitAsync("var warm = new[] { 1, 2 }.Select(i => i * 2).ToList();\nawait Task.Yield();\nConsole.Write(\"\");\nwarm.Count").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<CellResult> SubmitAsync(string source)
    {
        var count = ++executionCount;
        var clock = Stopwatch.StartNew();
        var result = await kernel.SendAsync(new SubmitCode(source)).ConfigureAwait(false);
        var (status, outputs) = KernelEventOutputs.Read(result.Events, count);
        return new CellResult(status, outputs, count, TimeSpan.Zero, clock.Elapsed);
    }

    /// <inheritdoc/>
    public void Dispose() => kernel.Dispose();
}
