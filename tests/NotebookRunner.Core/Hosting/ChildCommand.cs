namespace NotebookRunner.Hosting;

/// <summary>How to start the runner program as a child process that executes one notebook.</summary>
/// <param name="FileName">The program to start: the <c>dotnet</c> host.</param>
/// <param name="Arguments">Arguments before the child's own: the runner assembly.</param>
public sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The argument that makes the runner program act as a child; the engine's name follows it.</summary>
    public const string ChildFlag = "--child";

    /// <summary>The arguments that start a child executing cells in <paramref name="engine"/>.</summary>
    public IEnumerable<string> ChildArguments(KernelEngine engine) => [.. Arguments, ChildFlag, engine.ToString().ToLowerInvariant()];

    private const string RunnerAssembly = "NotebookRunner.dll";

    /// <summary>
    /// The runner built into <paramref name="buildDirectory"/>: its ReadyToRun copy in <c>r2r/</c> when the
    /// build made one (it starts faster), otherwise the build itself.
    /// </summary>
    /// <exception cref="FileNotFoundException">No runner assembly is there.</exception>
    public static ChildCommand ForRunner(string buildDirectory)
    {
        var precompiled = Path.Combine(buildDirectory, "r2r", RunnerAssembly);
        var assembly = File.Exists(precompiled) ? precompiled : Path.Combine(buildDirectory, RunnerAssembly);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"The runner is not built: {assembly} does not exist. Build it with: dotnet build tests/NotebookRunner", assembly);
        }

        return new(DotnetHost.FileName, [assembly]);
    }
}
