using System.Diagnostics;
using System.Security;
using System.Text.Json.Nodes;
using NotebookRunner.Hosting;

namespace NotebookRunner.Scripting;

/// <summary>
/// Restores the packages cells ask for with <c>#r "nuget: ..."</c>, the way the real kernel does: a
/// throw-away project with the requested package references is restored with <c>dotnet restore</c>
/// against the machine's configured sources, and the runtime assemblies it resolves are referenced.
/// A package keeps the version it was first loaded with.
/// </summary>
internal sealed class NuGetRestorer
{
    private readonly Dictionary<string, string?> loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> referenced = new(StringComparer.Ordinal);

    /// <summary>Restores <paramref name="requests"/> and returns the assemblies not referenced before.</summary>
    /// <exception cref="InvalidOperationException">A version conflicts with a loaded one, or the restore failed.</exception>
    public async Task<IReadOnlyList<string>> RestoreAsync(IReadOnlyList<PackageRequest> requests)
    {
        foreach (var request in requests)
        {
            if (loaded.TryGetValue(request.Name, out var version) && version != request.Version)
            {
                throw new InvalidOperationException($"{request.Name} version {request.Version ?? "(latest)"} cannot be added because version {version ?? "(latest)"} was added previously.");
            }
        }

        if (requests.All(request => loaded.ContainsKey(request.Name)))
        {
            return [];
        }

        var wanted = new Dictionary<string, string?>(loaded, StringComparer.OrdinalIgnoreCase);
        foreach (var request in requests)
        {
            wanted[request.Name] = request.Version;
        }

        var assemblies = await ResolveAsync(wanted).ConfigureAwait(false);
        foreach (var (name, version) in wanted)
        {
            loaded[name] = version;
        }

        return assemblies.Where(referenced.Add).ToList();
    }

    private static async Task<IReadOnlyList<string>> ResolveAsync(Dictionary<string, string?> packages)
    {
        var folder = Path.Combine(Path.GetTempPath(), "notebook-runner-nuget", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var framework = $"net{Environment.Version.Major}.0";
            var references = string.Concat(packages.Select(package =>
                $"""<PackageReference Include="{SecurityElement.Escape(package.Key)}" Version="{SecurityElement.Escape(package.Value ?? "*")}" />"""));
            await File.WriteAllTextAsync(Path.Combine(folder, "restore.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>{framework}</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup>{references}</ItemGroup>
                </Project>
                """).ConfigureAwait(false);
            var (exitCode, output) = await RunDotnetAsync(folder, "restore", "restore.csproj").ConfigureAwait(false);
            if (exitCode != 0)
            {
                var errors = output.Split('\n').Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(line => line.Trim()).Distinct();
                throw new InvalidOperationException($"error: Restoring {string.Join(", ", packages.Keys)} failed:\n{string.Join('\n', errors)}");
            }

            return RuntimeAssemblies(Path.Combine(folder, "obj", "project.assets.json"), framework);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> RuntimeAssemblies(string assetsPath, string framework)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsPath))!;
        var packageFolder = assets["packageFolders"]!.AsObject().First().Key;
        var libraries = assets["libraries"]!.AsObject();
        var target = assets["targets"]!.AsObject().First(pair => pair.Key.StartsWith(framework, StringComparison.Ordinal)).Value!.AsObject();
        return target
            .Where(pair => pair.Value?["type"]?.GetValue<string>() == "package" && pair.Value["runtime"] is JsonObject)
            .SelectMany(pair => pair.Value!["runtime"]!.AsObject()
                .Where(asset => !asset.Key.EndsWith("_._", StringComparison.Ordinal))
                .Select(asset => Path.GetFullPath(Path.Combine(packageFolder, libraries[pair.Key]!["path"]!.GetValue<string>(), asset.Key))))
            .ToList();
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost.FileName)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }
}
