using System.Reflection;
using System.Runtime.InteropServices;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>What the notebook runs on; the setup cell of every chapter prints <see cref="Describe"/>.</summary>
public static class LabEnvironment
{
    /// <summary>AsyncLab's version, such as "0.1.0".</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>
    /// One line such as ".NET 10.0.12 · Debian GNU/Linux 12 (bookworm) x64 · 2 cores · AsyncLab 0.1.0 · latency scale 1".
    /// Timings in the chapters depend on all of these.
    /// </summary>
    public static string Describe() => Invariant(
        $"{RuntimeInformation.FrameworkDescription} · {OperatingSystemName()} {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()} · {TextFormat.Count(Environment.ProcessorCount, "core")} · AsyncLab {Version} · latency scale {TextFormat.Number(LatencyScale.Current)}");

    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "Windows " + Environment.OSVersion.Version
        : OperatingSystem.IsMacOS() ? "macOS " + Environment.OSVersion.Version
        : RuntimeInformation.OSDescription;

    private static string ReadVersion()
    {
        string version = typeof(LabEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
