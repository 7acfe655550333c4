using System.Runtime.InteropServices;

namespace AsyncLab.Tests;

public class LabEnvironmentTests
{
    [Fact]
    public void Version_IsTheAssemblyVersionWithoutCommit()
    {
        Assert.Equal("0.1.0", LabEnvironment.Version);
    }

    [Fact]
    public void Describe_NamesRuntimeCoresLibraryAndLatencyScale()
    {
        string description = LabEnvironment.Describe();

        Assert.StartsWith(RuntimeInformation.FrameworkDescription + " · ", description);
        Assert.Contains($" · {Environment.ProcessorCount} core", description);
        Assert.Contains(" · AsyncLab 0.1.0 · latency scale ", description);
        Assert.DoesNotContain("\n", description);
    }
}
