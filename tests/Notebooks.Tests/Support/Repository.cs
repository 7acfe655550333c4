using NotebookRunner.Hosting;

namespace Notebooks.Tests.Support;

/// <summary>Where things are in the repository, seen from the test assembly's output folder.</summary>
internal static class Repository
{
    /// <summary>The repository root: the folder that holds the solution file.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The chapters folder.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Every chapter, by file name.</summary>
    public static IEnumerable<string> Chapters =>
        Directory.GetFiles(Notebooks, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>How to start the runner as a child process: the build of the same configuration as these tests.</summary>
    public static ChildCommand Runner { get; } = ChildCommand.ForRunner(
        Path.Combine(Root, "artifacts", "bin", "NotebookRunner", new DirectoryInfo(AppContext.BaseDirectory).Name));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AsyncNotebooks.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AsyncNotebooks.slnx above {AppContext.BaseDirectory}.");
    }
}
