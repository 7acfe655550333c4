using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Notebooks.Tests.Chapters;

/// <summary>
/// Pins what the C# compiler of the notebook engine says about async code, because chapter 01 tells learners what
/// to expect: an async method that blocks gets no warning (CS1998 is no longer reported), and a call whose task
/// is dropped gets CS4014. If a compiler update changes either, this fails and the chapter's text must follow.
/// </summary>
public sealed class CompilerWarningsTests
{
    private const string Cell = """
        async Task<string> FetchBlockingAsync(string name)
        {
            System.Threading.Thread.Sleep(1);
            return "response from " + name;
        }

        async Task CallerAsync()
        {
            FetchBlockingAsync("A");
            await Task.Delay(1);
        }
        """;

    [Fact]
    public void Compile_AsyncMethodWithoutAwait_ReportsNoCS1998()
    {
        var diagnostics = Compile();

        Assert.DoesNotContain(diagnostics, d => d.Id == "CS1998");
    }

    [Fact]
    public void Compile_TaskOfAnAsyncCallDropped_ReportsCS4014()
    {
        var diagnostics = Compile();

        Assert.Contains(diagnostics, d => d.Id == "CS4014" && d.Severity == DiagnosticSeverity.Warning);
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> Compile() =>
        CSharpScript.Create(Cell, ScriptOptions.Default.WithImports("System", "System.Threading.Tasks"))
            .GetCompilation().GetDiagnostics();
}
