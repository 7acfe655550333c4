using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using NotebookRunner.Formatting;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;

namespace NotebookRunner.Scripting;

/// <summary>
/// An in-process C# kernel: each submitted cell continues the previous cells' script state, so
/// variables, methods and types carry across cells, top-level <c>await</c> works, and the value of a
/// cell's last expression is displayed. See kernel.md, "What a cell sees" and "What a cell shows".
/// </summary>
public sealed class ScriptKernel : ICellEngine
{
    /// <summary>The namespaces every cell imports, and the kernel's helpers as a static import.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        typeof(Microsoft.DotNet.Interactive.Kernel).FullName!,
    ];

    private const string TimeMagic = "#!time";
    private static readonly string[] CSharpSelectors = ["#!csharp", "#!c#", "#!C#"];
    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(LoadFrameworkReferences);

    /// <summary>What cells see of the kernel, as in the real one: its helpers, its formatter and the HTML content type.</summary>
    private static readonly string[] KernelAssemblies =
    [
        typeof(ScriptKernel).Assembly.Location,
        typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location,
        typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly.Location,
    ];
    private readonly NuGetRestorer nuget = new();
    private ScriptOptions options;
    private ScriptState<object>? state;
    private int executionCount;

    /// <summary>Creates a kernel whose relative <c>#r</c> paths resolve from <paramref name="notebookDirectory"/>.</summary>
    public ScriptKernel(string notebookDirectory)
    {
        ConsoleRouter.Install();
        options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value)
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
            .WithSourceResolver(new SourceFileResolver([], notebookDirectory))
            .WithLanguageVersion(LanguageVersion.Latest);
    }

    /// <summary>Compiles and runs a small cell once, so that the first real cell does not pay for warming up the compiler.</summary>
    public static async Task WarmUpAsync()
    {
        var kernel = new ScriptKernel(AppContext.BaseDirectory);
        await kernel.SubmitAsync("var warm = new[] { 1, 2 }.Select(i => i * 2).ToList();\nawait Task.Yield();").ConfigureAwait(false);
        await kernel.SubmitAsync("warm.Count").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<CellResult> SubmitAsync(string source)
    {
        var count = ++executionCount;
        var outputs = new CellOutputs();
        var directives = CellDirectives.Parse(source);
        var clock = Stopwatch.StartNew();

        var script = await CompileAsync(directives, outputs).ConfigureAwait(false);
        var compileTime = clock.Elapsed;
        if (script is null)
        {
            return new CellResult(CellStatus.Failed, outputs.Close(), count, compileTime, TimeSpan.Zero);
        }

        var next = await Task.Run(() =>
        {
            CellOutputs.Current = outputs;
            return state is null ? script.RunAsync(catchException: _ => true) : script.RunFromAsync(state, catchException: _ => true);
        }).ConfigureAwait(false);
        var runTime = clock.Elapsed - compileTime;
        state = next;

        var status = next.Exception is not null ? Fail(next.Exception, outputs)
            : HasValue(script) ? Show(next.ReturnValue, outputs, count)
            : CellStatus.Ok;
        if (directives.Magic == TimeMagic)
        {
            outputs.Display(new FormattedValue([new("text/plain", $"Wall time: {clock.Elapsed.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms")]));
        }

        return new CellResult(status, outputs.Close(), count, compileTime, runTime);
    }

    private async Task<Script<object>?> CompileAsync(CellDirectives directives, CellOutputs outputs)
    {
        if (directives.Magic is { } magic && magic != TimeMagic && !CSharpSelectors.Contains(magic))
        {
            outputs.Error("Error", $"The scripting engine knows one magic command, {TimeMagic}, but this cell starts with {magic}. Run the notebook in the real kernel (--kernel interactive) to use it.", []);
            return null;
        }

        if (directives.Packages.Count > 0)
        {
            try
            {
                var assemblies = await nuget.RestoreAsync(directives.Packages).ConfigureAwait(false);
                options = options.AddReferences(assemblies.Select(path => MetadataReference.CreateFromFile(path)));
            }
            catch (InvalidOperationException error)
            {
                outputs.Error("Error", error.Message.Split('\n')[0], error.Message.Split('\n'));
                return null;
            }
        }

        var script = state is null ? CSharpScript.Create(directives.Code, options) : state.Script.ContinueWith(directives.Code, options);
        try
        {
            // Emits the submission once and keeps it for the run; Script.Compile would also bind the cell a second time for its warnings.
            script.CreateDelegate();
            return script;
        }
        catch (CompilationErrorException error)
        {
            var errors = error.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(Describe).ToList();
            outputs.Error("CompilationError", errors[0], errors);
            return null;
        }
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"({position.Line + 1},{position.Character + 1}): error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Whether the cell ends in an expression with a value (no <c>;</c>), which is shown even when it is null.</summary>
    private static bool HasValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return tree.GetCompilationUnitRoot().Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last }
            && compilation.GetSemanticModel(tree).GetTypeInfo(last.Expression).Type is { SpecialType: not SpecialType.System_Void };
    }

    private static CellStatus Show(object? value, CellOutputs outputs, int count)
    {
        try
        {
            outputs.Result(ValueFormatter.Format(value), count);
            return CellStatus.Ok;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return Fail(error, outputs);
        }
    }

    private static CellStatus Fail(Exception error, CellOutputs outputs)
    {
        var shown = error is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : error;
        outputs.Error(shown.GetType().FullName ?? shown.GetType().Name, shown.Message, shown.ToString().Split('\n'));
        return CellStatus.Failed;
    }

    /// <summary>
    /// Every framework assembly that defines public types, so that any framework namespace can be
    /// imported with a <c>using</c>. Facades that only forward types are left out: they add nothing
    /// a cell can name, but each reference costs time in every cell's compilation. When a library
    /// loaded with <c>#r</c> refers to a facade, the metadata resolver finds it on demand.
    /// </summary>
    private static MetadataReference[] LoadFrameworkReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == framework && DefinesPublicTypes(path))
            .Where(path => !Path.GetFileName(path).StartsWith("System.Private.", StringComparison.Ordinal) || path == typeof(object).Assembly.Location)
            .Concat(KernelAssemblies);
        return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
    }

    private static bool DefinesPublicTypes(string path)
    {
        using var file = new PEReader(File.OpenRead(path));
        if (!file.HasMetadata)
        {
            return false;
        }

        var metadata = file.GetMetadataReader();
        return metadata.TypeDefinitions.Any(type => (metadata.GetTypeDefinition(type).Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public);
    }
}
