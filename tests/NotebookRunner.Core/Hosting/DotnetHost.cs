namespace NotebookRunner.Hosting;

/// <summary>The <c>dotnet</c> program that runs the runner's children and restores packages.</summary>
internal static class DotnetHost
{
    /// <summary>The host the SDK names in <c>DOTNET_HOST_PATH</c> when it started us, otherwise <c>dotnet</c> from the PATH.</summary>
    public static string FileName =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
