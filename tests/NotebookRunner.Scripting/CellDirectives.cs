using System.Text.RegularExpressions;

namespace NotebookRunner.Scripting;

/// <summary>
/// The kernel's own lines in a cell: a first line <c>#!csharp</c> or <c>#!time</c>, and
/// <c>#r "nuget: Package, 1.2.3"</c>. As in the real kernel, they are taken out of the code handed to
/// the compiler, so compile errors count only the lines of code that remain.
/// </summary>
/// <param name="Code">The cell's code, without the kernel's lines.</param>
/// <param name="Magic">The cell's first line when it is a magic command such as <c>#!time</c>; null otherwise.</param>
/// <param name="Packages">The NuGet packages the cell asked for.</param>
internal sealed partial record CellDirectives(string Code, string? Magic, IReadOnlyList<PackageRequest> Packages)
{
    public static CellDirectives Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var first = lines[0].Trim();
        var magic = first.StartsWith("#!", StringComparison.Ordinal) ? first : null;
        if (magic is not null)
        {
            lines.RemoveAt(0);
        }

        var packages = new List<PackageRequest>();
        foreach (var line in lines.ToList())
        {
            var match = NuGetLine().Match(line);
            if (match.Success)
            {
                var version = match.Groups["version"].Value.Trim();
                packages.Add(new PackageRequest(match.Groups["name"].Value.Trim(), version.Length == 0 ? null : version));
                lines.Remove(line);
            }
        }

        return new CellDirectives(string.Join('\n', lines), magic, packages);
    }

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]*))?"\s*$""")]
    private static partial Regex NuGetLine();
}
