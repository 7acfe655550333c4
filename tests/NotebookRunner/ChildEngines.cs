using NotebookRunner.Hosting;
using NotebookRunner.Interactive;
using NotebookRunner.Scripting;

namespace NotebookRunner;

/// <summary>The child side of the runner: executes one notebook's cells in the engine it was started for.</summary>
internal static class ChildEngines
{
    public static Task RunAsync(KernelEngine engine)
    {
        var input = Console.In;
        var protocol = Console.OpenStandardOutput();
        return engine switch
        {
            KernelEngine.Interactive => ChildHost.RunAsync(input, protocol, InteractiveEngine.WarmUpAsync, _ => Task.FromResult<ICellEngine>(new InteractiveEngine())),
            _ => ChildHost.RunAsync(input, protocol, ScriptKernel.WarmUpAsync, directory => Task.FromResult<ICellEngine>(new ScriptKernel(directory))),
        };
    }
}
