using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Kernel;

/// <summary>
/// Why AsyncLab draws its plotly.js figures itself (README, "Charts"): in the real kernel, the
/// Plotly.NET.Interactive extension loads, but Plotly.NET 6.0.0 (the only version served) needs
/// FSharp.Core 10.1, and the kernel binds its own FSharp.Core 10.0, so making a chart fails. When a
/// version that works is published, this test fails and says so.
/// </summary>
public sealed class PlotlyNetTests : IDisposable
{
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task PlotlyNet_ExtensionLoads_ButAChartFails_OnTheKernelsFSharpCore()
    {
        var results = await Engines.RunAsync(
            KernelEngine.Interactive,
            files,
            "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"",
            "#r \"nuget: Plotly.NET.CSharp, 0.14.0\"",
            "Plotly.NET.CSharp.Chart.Line<int, int, string>(x: new[] { 1, 2, 3 }, y: new[] { 2, 4, 3 })");

        Assert.Equal(CellStatus.Ok, results[0].Status);
        Assert.Contains(results[0].OfType("display_data"), output => output["data"]?["text/plain"]?.GetValue<string>().StartsWith("Loading extensions from", StringComparison.Ordinal) == true);
        Assert.Equal(CellStatus.Ok, results[1].Status);
        Assert.True(
            results[2].Status == CellStatus.Failed,
            "Plotly.NET now draws a chart in the real kernel: update the README's notes on charts, and consider it for AsyncLab.");
        var error = Assert.Single(results[2].OfType("error"));
        Assert.Equal("System.IO.FileNotFoundException", error["ename"]!.GetValue<string>());
        Assert.StartsWith("Could not load file or assembly 'FSharp.Core, Version=10.1.0.0", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
