using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>The runner's <c>--bench</c>: both engines side by side, and the scripting engine's lead per cell.</summary>
[Collection(Measurements.Name)]
public sealed class BenchmarkTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Bench_MeasuresBothEnginesSideBySide_AndTheScriptingEngineIsAtLeast1Point5TimesFasterPerCell()
    {
        var (exitCode, output, _) = await RunnerProcess.RunAsync(files.Folder, "--bench", "100");

        Assert.Matches(@"scripting +\d+\.\d\d s +\d+ ms +\d+\.\d ms, \d+\.\d ms", output);
        Assert.Matches(@"interactive +\d+\.\d\d s +\d+ ms +\d+\.\d ms, \d+\.\d ms", output);
        var speedup = double.Parse(System.Text.RegularExpressions.Regex.Match(output, @"is (\d+\.\d\d)x faster per cell").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(speedup >= 1.5, $"The scripting engine is only {speedup:0.00}x faster per cell than the real kernel:\n{output}");
        Assert.Equal(0, exitCode);
    }
}
