using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>kernel.md, "What a cell sees": imports, state across cells, await, references.</summary>
public sealed class WhatACellSeesTests : IDisposable
{
    private readonly TestNotebook files = new();
    private readonly ScriptKernel kernel;

    public WhatACellSeesTests() => kernel = new ScriptKernel(files.Folder);

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task DefaultNamespaces_AreImported()
    {
        var result = await kernel.SubmitAsync("""
            var text = new StringBuilder("a").Append(Encoding.UTF8.WebName).ToString();
            var list = new List<int> { 1, 2 }.Select(x => x * 2).ToList();
            ArrayList legacy = new();
            await Task.CompletedTask;
            Console.Write(text + list.Sum());
            """);

        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Equal("autf-86", result.Stream("stdout"));
    }

    [Theory]
    [InlineData("var source = new CancellationTokenSource();", "CS0246")]
    [InlineData("var clock = Stopwatch.StartNew();", "CS0103")]
    [InlineData("var channel = Channel.CreateUnbounded<int>();", "CS0103")]
    public async Task ThreadingDiagnosticsAndChannels_AreNotImported(string code, string error)
    {
        var result = await kernel.SubmitAsync(code);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains($"error {error}", result.Error());
    }

    [Fact]
    public async Task FrameworkNamespaces_CanBeImportedWithAUsing()
    {
        var result = await kernel.SubmitAsync("""
            using System.Threading;
            using System.Diagnostics;
            using System.Threading.Channels;
            using System.Net.Http;
            using System.Text.Json;
            using System.Collections.Concurrent;
            var source = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var channel = Channel.CreateBounded<int>(1);
            var bag = new ConcurrentBag<string> { JsonSerializer.Serialize(new { A = 1 }) };
            Console.Write($"{bag.Single()} {typeof(HttpClient).Name}");
            """);

        Assert.Equal("{\"A\":1} HttpClient", result.Stream("stdout"));
    }

    [Fact]
    public async Task KernelHelpers_AreStaticallyImported_EvenInsideDeclaredTypes()
    {
        var result = await kernel.SubmitAsync("""
            class Shows { public static void Now() => display("from a type"); }
            Shows.Now();
            """);

        Assert.Equal("from a type", Assert.Single(result.OfType("display_data"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task VariablesMethodsAndTypes_CarryAcrossCells()
    {
        await kernel.SubmitAsync("var count = 41;\nint Next(int x) => x + 1;\nrecord Point(int X);");

        var result = await kernel.SubmitAsync("Console.Write(Next(count) + new Point(1).X);");

        Assert.Equal("43", result.Stream("stdout"));
    }

    [Fact]
    public async Task RedeclaringAType_MakesANewType_OldInstancesKeepTheOld()
    {
        await kernel.SubmitAsync("class Box { public int Version => 1; }\nvar first = new Box();");
        await kernel.SubmitAsync("class Box { public int Version => 2; }\nvar second = new Box();");

        var result = await kernel.SubmitAsync("Console.Write($\"{first.GetType() == second.GetType()} {first.Version} {second.Version}\");");

        Assert.Equal("False 1 2", result.Stream("stdout"));
    }

    [Fact]
    public async Task TopLevelAwait_Works()
    {
        var result = await kernel.SubmitAsync("await Task.Delay(10);\nvar answer = await Task.FromResult(42);\nConsole.Write(answer);");

        Assert.Equal("42", result.Stream("stdout"));
    }

    [Fact]
    public async Task SynchronizationContext_IsNull_EvenWhenTheCallerHasOne()
    {
        Assert.NotNull(SynchronizationContext.Current); // xunit runs tests under its own context

        var result = await kernel.SubmitAsync("Console.Write(System.Threading.SynchronizationContext.Current is null);");

        Assert.Equal("True", result.Stream("stdout"));
    }

    [Theory]
    [InlineData("namespace Lab { class A { } }", "CS7021")]
    [InlineData("using var stream = new System.IO.MemoryStream();", "CS1002")]
    [InlineData("static class Extensions { public static int Twice(this int x) => 2 * x; }", "CS1109")]
    public async Task ConstructsCellsCannotUse_FailToCompile(string code, string error)
    {
        var result = await kernel.SubmitAsync(code);

        Assert.Contains($"error {error}", result.Error());
    }

    [Fact]
    public async Task TopLevelStaticExtensionMethod_Works()
    {
        var result = await kernel.SubmitAsync("static int Twice(this int x) => 2 * x;\nConsole.Write(21.Twice());");

        Assert.Equal("42", result.Stream("stdout"));
    }

    [Fact]
    public async Task RelativeReference_ResolvesFromTheNotebookFolder()
    {
        Directory.CreateDirectory(Path.Combine(files.Folder, "lib"));
        EmitLibrary(Path.Combine(files.Folder, "lib", "Greeting.dll"), "public static class Greeting { public static string Hello => \"hello from a dll\"; }");

        var result = await kernel.SubmitAsync("#r \"lib/Greeting.dll\"\nConsole.Write(Greeting.Hello);");

        Assert.Equal("hello from a dll", result.Stream("stdout"));
    }

    [Fact]
    public async Task MissingReference_IsErrorCS0006()
    {
        var result = await kernel.SubmitAsync("#r \"../artifacts/missing.dll\"");

        Assert.StartsWith("(1,1): error CS0006: Metadata file '../artifacts/missing.dll' could not be found", result.Error(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NuGetReference_IsRestoredAndLoaded_AndAnotherVersionLaterFails()
    {
        var restored = await kernel.SubmitAsync("#r \"nuget: Newtonsoft.Json, 13.0.3\"\nConsole.Write(Newtonsoft.Json.JsonConvert.SerializeObject(new { A = 1 }));");
        var conflict = await kernel.SubmitAsync("\n#r \"nuget: Newtonsoft.Json, 13.0.1\"");

        Assert.Equal("{\"A\":1}", restored.Stream("stdout"));
        Assert.Equal(CellStatus.Failed, conflict.Status);
        Assert.Contains("(2,1): error: Package 'Newtonsoft.Json' version 13.0.1 cannot be added: version 13.0.3 is already loaded", conflict.Error(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeMagic_PrintsWallTimeAfterTheCell()
    {
        var result = await kernel.SubmitAsync("#!time\nConsole.WriteLine(\"work\");");

        Assert.Matches(@"^work\nWall time: \d+(\.\d)? ms\n$", result.Stream("stdout"));
    }

    [Fact]
    public async Task CSharpMagic_OnTheFirstLine_SelectsTheKernelAndKeepsLineNumbers()
    {
        var result = await kernel.SubmitAsync("#!csharp\nvar x = ;");

        Assert.StartsWith("(2,9): error CS1525", result.Error(), StringComparison.Ordinal);
    }

    private static void EmitLibrary(string path, string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(file => Path.GetFileName(file) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(file => MetadataReference.CreateFromFile(file));
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(path), [CSharpSyntaxTree.ParseText(code)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
    }
}
