using System.Diagnostics;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Builds a project with <c>dotnet build</c> and collects the warnings it reports: what analyzers such as
/// Microsoft.VisualStudio.Threading.Analyzers and AsyncFixer say about the code, as they would say it in an editor.
/// </summary>
public static partial class AnalyzerReport
{
    /// <summary>
    /// Rebuilds <paramref name="projectPath"/> in a temporary output folder (deleted afterwards), without build servers
    /// that would outlive the call, and returns each distinct warning once, in file and line order. Throws a
    /// <see cref="TimeoutException"/> and stops the build when it takes longer than <paramref name="timeout"/>.
    /// </summary>
    /// <param name="projectPath">The project file, or its folder.</param>
    /// <param name="timeout">How long the build may take, greater than zero.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static async Task<IReadOnlyList<AnalyzerFinding>> BuildAsync(string projectPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Require.NotBlank(projectPath, "A project path");
        if (!File.Exists(projectPath) && !Directory.Exists(projectPath))
        {
            throw new ArgumentException(Invariant($"The project path must name a project file or its folder, but \"{Path.GetFullPath(projectPath)}\" does not exist."), nameof(projectPath));
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), Invariant($"The build's timeout must be greater than zero, but was {timeout}."));
        }

        string output = Path.Combine(Path.GetTempPath(), "asynclab-analyzers-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", Path.GetFullPath(projectPath), "--artifacts-path", output, "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-nologo", "-v", "q", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException(Invariant($"Building {Path.GetFileName(projectPath)} took longer than {TextFormat.Seconds(timeout)}, so it was stopped."));
            }

            string text = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            return Parse(text);
        }
        finally
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Like <see cref="BuildAsync"/>, but builds only when the project's sources changed: the report of each build is
    /// kept in <paramref name="cacheFolder"/> under a name made from the project's files, and read from there next time.
    /// A notebook cell calls this, so that running the chapter again costs nothing.
    /// </summary>
    /// <param name="projectPath">The project's folder.</param>
    /// <param name="cacheFolder">Where reports are kept; created when missing.</param>
    /// <param name="timeout">How long a build may take, greater than zero.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static async Task<IReadOnlyList<AnalyzerFinding>> LoadOrBuildAsync(string projectPath, string cacheFolder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Require.NotBlank(projectPath, "A project path");
        Require.NotBlank(cacheFolder, "A cache folder");
        if (!Directory.Exists(projectPath))
        {
            throw new ArgumentException(Invariant($"The project path must name the project's folder, but \"{Path.GetFullPath(projectPath)}\" is not a folder."), nameof(projectPath));
        }

        string cached = Path.Combine(cacheFolder, Path.GetFileName(Path.GetFullPath(projectPath).TrimEnd(Path.DirectorySeparatorChar)) + "-" + SourceHash(projectPath) + ".txt");
        if (File.Exists(cached))
        {
            return Parse(await File.ReadAllTextAsync(cached, cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<AnalyzerFinding> findings = await BuildAsync(projectPath, timeout, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(cacheFolder);
        string temporary = cached + "." + Guid.NewGuid().ToString("N");
        await File.WriteAllLinesAsync(temporary, findings.Select(Format), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, cached, overwrite: true);
        return findings;
    }

    /// <summary>The distinct warnings in a build's console output, in file and line order.</summary>
    /// <param name="buildOutput">What <c>dotnet build</c> wrote.</param>
    public static IReadOnlyList<AnalyzerFinding> Parse(string buildOutput)
    {
        ArgumentNullException.ThrowIfNull(buildOutput);
        return [.. WarningLine().Matches(buildOutput)
            .Select(m => new AnalyzerFinding(m.Groups["id"].Value, Path.GetFileName(m.Groups["file"].Value.Trim()), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["message"].Value.Trim()))
            .Distinct()
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    /// <summary>A finding as the build wrote it, so that <see cref="Parse"/> reads it back.</summary>
    private static string Format(AnalyzerFinding finding) => Invariant($"{finding.File}({finding.Line},1): warning {finding.Id}: {finding.Message}");

    /// <summary>A short hash of the project's source and project files, their names and contents.</summary>
    private static string SourceHash(string projectPath)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in Directory.EnumerateFiles(projectPath, "*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    [GeneratedRegex(@"^(?<file>[^\r\n]+?)\((?<line>\d+),\d+\): warning (?<id>[A-Za-z]+\d+): (?<message>[^\r\n]*?)(?: \(https?://[^\s)]+\))?(?: \[[^\]\r\n]+\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
