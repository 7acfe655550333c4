namespace AsyncLab.Tests.Tools;

public sealed class AnalyzerReportTests
{
    /// <summary>What chapter 09 tells learners the two analyzers and the compiler report on its sample.</summary>
    private static readonly string[] s_expectedIds = ["VSTHRD002", "VSTHRD100", "VSTHRD103", "VSTHRD200", "AsyncFixer02", "AsyncFixer03", "CS4014"];

    [Fact]
    public async Task LoadOrBuildAsync_ChapterSample_ReportsEachPitfallsDiagnostic_ThenReadsTheCachedReport()
    {
        string sample = Path.Combine(RepositoryRoot(), "samples", "Pitfalls");
        DirectoryInfo cache = Directory.CreateTempSubdirectory("analyzer-report-test-");
        try
        {
            IReadOnlyList<AnalyzerFinding> built = await AnalyzerReport.LoadOrBuildAsync(sample, cache.FullName, TimeSpan.FromMinutes(4));
            IReadOnlyList<AnalyzerFinding> cached = await AnalyzerReport.LoadOrBuildAsync(sample, cache.FullName, TimeSpan.FromMilliseconds(1));

            Assert.All(s_expectedIds, id => Assert.Contains(built, finding => finding.Id == id));
            Assert.All(built, finding => Assert.Equal("BadExamples.cs", finding.File));
            Assert.Equal(built, cached);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_BuildOutput_KeepsEachWarningOnce_WithoutLinkOrProject()
    {
        const string output = """
            /src/Pitfalls/BadExamples.cs(20,30): warning VSTHRD100: Avoid "async void" methods (https://example.invalid/VSTHRD100.html) [/src/Pitfalls/Pitfalls.csproj]
            /src/Pitfalls/BadExamples.cs(8,70): warning VSTHRD002: Synchronously waiting on tasks may cause deadlocks. [/src/Pitfalls/Pitfalls.csproj]
            /src/Pitfalls/BadExamples.cs(20,30): warning VSTHRD100: Avoid "async void" methods (https://example.invalid/VSTHRD100.html) [/src/Pitfalls/Pitfalls.csproj]
            Build succeeded.
            """;

        IReadOnlyList<AnalyzerFinding> findings = AnalyzerReport.Parse(output);

        Assert.Equal(
            [new AnalyzerFinding("VSTHRD002", "BadExamples.cs", 8, "Synchronously waiting on tasks may cause deadlocks."), new AnalyzerFinding("VSTHRD100", "BadExamples.cs", 20, "Avoid \"async void\" methods")],
            findings);
    }

    [Fact]
    public async Task BuildAsync_MissingProject_Throws()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => AnalyzerReport.BuildAsync("/no/such/project.csproj", TimeSpan.FromMinutes(1)));

        Assert.Equal("projectPath", exception.ParamName);
    }

    [Fact]
    public async Task BuildAsync_TimeoutNotPositive_Throws()
    {
        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AnalyzerReport.BuildAsync(RepositoryRoot(), TimeSpan.Zero));

        Assert.Equal("timeout", exception.ParamName);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AsyncNotebooks.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with AsyncNotebooks.slnx) was not found above " + AppContext.BaseDirectory + ".");
    }
}
