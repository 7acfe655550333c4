namespace NotebookRunner;

/// <summary>Turns the paths on the command line into the notebooks to run.</summary>
internal static class NotebookPaths
{
    /// <summary>The folder searched when no path is given.</summary>
    public const string DefaultFolder = "notebooks";

    /// <summary>Files as given, folders as their <c>*.ipynb</c> files in name order; no paths means <see cref="DefaultFolder"/>.</summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            if (!Directory.Exists(DefaultFolder))
            {
                throw new ArgumentException($"There is no '{DefaultFolder}' folder in {Environment.CurrentDirectory}. Run from the repository root, or pass notebook paths.");
            }

            paths = [DefaultFolder];
        }

        return paths.SelectMany<string, string>(path => Directory.Exists(path)
                ? Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal)
                : [path])
            .ToList();
    }
}
