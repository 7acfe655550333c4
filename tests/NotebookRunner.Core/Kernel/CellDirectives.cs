using System.Text.RegularExpressions;

namespace NotebookRunner.Kernel;

/// <summary>
/// The kernel's own lines in a cell: a first line <c>#!csharp</c> or <c>#!time</c>, and
/// <c>#r "nuget: Package, 1.2.3"</c>. They are blanked out of the code handed to the compiler, so that
/// compile errors keep their line numbers within the cell.
/// </summary>
/// <param name="Code">The cell's code, with the kernel's lines blanked.</param>
/// <param name="Timed">Whether the cell asked for <c>#!time</c>.</param>
/// <param name="Packages">The NuGet packages the cell asked for.</param>
internal sealed partial record CellDirectives(string Code, bool Timed, IReadOnlyList<PackageRequest> Packages)
{
    public static CellDirectives Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var timed = false;
        var first = lines[0].Trim();
        if (first.StartsWith("#!", StringComparison.Ordinal))
        {
            timed = first == "#!time";
            lines[0] = "";
        }

        var packages = new List<PackageRequest>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = NuGetLine().Match(lines[i]);
            if (match.Success)
            {
                var version = match.Groups["version"].Value.Trim();
                packages.Add(new PackageRequest(match.Groups["name"].Value.Trim(), version.Length == 0 ? null : version, i + 1));
                lines[i] = "";
            }
        }

        return new CellDirectives(string.Join('\n', lines), timed, packages);
    }

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]*))?"\s*$""")]
    private static partial Regex NuGetLine();
}
