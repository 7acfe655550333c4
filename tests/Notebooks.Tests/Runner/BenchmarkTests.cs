using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>The runner's <c>--bench</c>: both engines side by side, each as whole processes, and whether the scripting engine keeps its lead per cell.</summary>
[Collection(Measurements.Name)]
public sealed class BenchmarkTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Bench_MeasuresBothEnginesSideBySide_AndItsExitCodeSaysWhetherTheScriptingEngineLeadsBy1Point5TimesPerCell()
    {
        var (exitCode, output, _) = await RunnerProcess.RunAsync(files.Folder, "--bench", "100");

        Assert.Matches(@"scripting +\d+\.\d\d s +\d+ ms +\d+\.\d ms, \d+\.\d ms", output);
        Assert.Matches(@"interactive +\d+\.\d\d s +\d+ ms +\d+\.\d ms, \d+\.\d ms", output);
        var speedup = double.Parse(System.Text.RegularExpressions.Regex.Match(output, @"is (\d+\.\d\d)x faster per cell").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(speedup >= 1.5 ? 0 : 1, exitCode);
    }
}
