using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>kernel.md, "What a cell sees": imports, state across cells, await, references.</summary>
public sealed class WhatACellSeesTests : IDisposable
{
    private readonly TestNotebook files = new();
    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DefaultNamespaces_AreImported(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, """
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
    [InlineData(KernelEngine.Interactive, "var source = new CancellationTokenSource();", "CS0246")]
    [InlineData(KernelEngine.Interactive, "var clock = Stopwatch.StartNew();", "CS0103")]
    [InlineData(KernelEngine.Interactive, "var channel = Channel.CreateUnbounded<int>();", "CS0103")]
    [InlineData(KernelEngine.Scripting, "var source = new CancellationTokenSource();", "CS0246")]
    [InlineData(KernelEngine.Scripting, "var clock = Stopwatch.StartNew();", "CS0103")]
    [InlineData(KernelEngine.Scripting, "var channel = Channel.CreateUnbounded<int>();", "CS0103")]
    public async Task ThreadingDiagnosticsAndChannels_AreNotImported(KernelEngine engine, string code, string error)
    {
        var result = await Engines.RunOneAsync(engine, files, code);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains($"error {error}", result.Error());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FrameworkNamespaces_CanBeImportedWithAUsing(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, """
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

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task KernelHelpers_AreStaticallyImported_EvenInsideDeclaredTypes(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, """
            class Shows { public static void Now() => display("from a type"); }
            Shows.Now();
            """);

        Assert.Equal("from a type", Assert.Single(result.OfType("display_data"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task VariablesMethodsAndTypes_CarryAcrossCells(KernelEngine engine)
    {
        var results = await Engines.RunAsync(engine, files, "var count = 41;\nint Next(int x) => x + 1;\nrecord Point(int X);", "Console.Write(Next(count) + new Point(1).X);");

        Assert.Equal("43", results[1].Stream("stdout"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RedeclaringAType_MakesANewType_OldInstancesKeepTheOld(KernelEngine engine)
    {
        var results = await Engines.RunAsync(
            engine,
            files,
            "class Box { public int Version => 1; }\nvar first = new Box();",
            "class Box { public int Version => 2; }\nvar second = new Box();",
            "Console.Write($\"{first.GetType() == second.GetType()} {first.Version} {second.Version}\");");

        Assert.Equal("False 1 2", results[2].Stream("stdout"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TopLevelAwait_Works(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "await Task.Delay(10);\nvar answer = await Task.FromResult(42);\nConsole.Write(answer);");

        Assert.Equal("42", result.Stream("stdout"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SynchronizationContext_IsNull(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "Console.Write(System.Threading.SynchronizationContext.Current is null);");

        Assert.Equal("True", result.Stream("stdout"));
    }

    [Theory]
    [InlineData(KernelEngine.Interactive, "namespace Lab { class A { } }", "CS7021")]
    [InlineData(KernelEngine.Interactive, "using var stream = new System.IO.MemoryStream();", "CS1002")]
    [InlineData(KernelEngine.Interactive, "static class Extensions { public static int Twice(this int x) => 2 * x; }", "CS1109")]
    [InlineData(KernelEngine.Scripting, "namespace Lab { class A { } }", "CS7021")]
    [InlineData(KernelEngine.Scripting, "using var stream = new System.IO.MemoryStream();", "CS1002")]
    [InlineData(KernelEngine.Scripting, "static class Extensions { public static int Twice(this int x) => 2 * x; }", "CS1109")]
    public async Task ConstructsCellsCannotUse_FailToCompile(KernelEngine engine, string code, string error)
    {
        var result = await Engines.RunOneAsync(engine, files, code);

        Assert.Contains($"error {error}", result.Error());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TopLevelStaticExtensionMethod_Works(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "static int Twice(this int x) => 2 * x;\nConsole.Write(21.Twice());");

        Assert.Equal("42", result.Stream("stdout"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RelativeReference_ResolvesFromTheNotebookFolder(KernelEngine engine)
    {
        Directory.CreateDirectory(Path.Combine(files.Folder, "lib"));
        EmitLibrary(Path.Combine(files.Folder, "lib", "Greeting.dll"), "public static class Greeting { public static string Hello => \"hello from a dll\"; }");

        var result = await Engines.RunOneAsync(engine, files, "#r \"lib/Greeting.dll\"\nConsole.Write(Greeting.Hello);");

        Assert.Equal("hello from a dll", result.Stream("stdout"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissingReference_IsErrorCS0006(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "#r \"../artifacts/missing.dll\"");

        Assert.StartsWith("(1,1): error CS0006: Metadata file '../artifacts/missing.dll' could not be found", result.Error(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NuGetReference_IsRestoredAndLoaded_AndAnotherVersionLaterFails(KernelEngine engine)
    {
        var results = await Engines.RunAsync(
            engine,
            files,
            "#r \"nuget: Newtonsoft.Json, 13.0.3\"\nConsole.Write(Newtonsoft.Json.JsonConvert.SerializeObject(new { A = 1 }));",
            "\n#r \"nuget: Newtonsoft.Json, 13.0.1\"");

        Assert.Equal("{\"A\":1}", results[0].Stream("stdout"));
        var installed = results[0].OfType("display_data").Select(output => output["data"]!["text/html"]!.GetValue<string>());
        Assert.Equal(engine == KernelEngine.Interactive, installed.Any(html => html.Contains("Installed Packages", StringComparison.Ordinal)));
        Assert.Equal(CellStatus.Failed, results[1].Status);
        Assert.Contains("Newtonsoft.Json version 13.0.1 cannot be added because version 13.0.3 was added previously.", results[1].Error(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TimeMagic_ShowsWallTimeAfterTheCell(KernelEngine engine)
    {
        var result = await Engines.RunOneAsync(engine, files, "#!time\nConsole.WriteLine(\"work\");");

        Assert.Equal(["stream", "display_data"], result.Outputs.Select(output => output["output_type"]!.GetValue<string>()));
        Assert.Equal("work\n", result.Stream("stdout"));
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", Assert.Single(result.OfType("display_data"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task KernelLines_AreTakenOutOfTheCode_SoErrorsCountTheLinesThatRemain(KernelEngine engine)
    {
        var results = await Engines.RunAsync(engine, files, "#!csharp\nvar x = ;", "var a = 1;\n#r \"nuget: Newtonsoft.Json, 13.0.3\"\nvar z = ;");

        Assert.StartsWith("(1,9): error CS1525", results[0].Error(), StringComparison.Ordinal);
        Assert.StartsWith("(2,9): error CS1525", results[1].Error(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherMagicCommands_RunInTheRealKernel()
    {
        var result = await Engines.RunOneAsync(KernelEngine.Interactive, files, "#!lsmagic");

        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Contains("#!time", Assert.Single(result.OfType("display_data"))["data"]!["text/plain"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherMagicCommands_FailInTheScriptingEngine_WithWhatToDo()
    {
        var result = await Engines.RunOneAsync(KernelEngine.Scripting, files, "#!lsmagic");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("The scripting engine knows one magic command, #!time, but this cell starts with #!lsmagic. Run the notebook in the real kernel (--kernel interactive) to use it.", result.Error());
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
