namespace NotebookRunner.Hosting;

/// <summary>Which kernel executes the cells (<c>--kernel</c>).</summary>
public enum KernelEngine
{
    /// <summary>The real .NET Interactive C# kernel that VS Code and Jupyter run, hosted from its packages.</summary>
    Interactive,

    /// <summary>The runner's own engine on Roslyn scripting: the same contract, a faster start and cells.</summary>
    Scripting,
}
