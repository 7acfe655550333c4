using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookRunner.Interactive;

/// <summary>
/// Builds the kernel that VS Code's Polyglot Notebooks and Jupyter talk to, as the dotnet-interactive
/// tool 1.0.712001 builds it (its <c>KernelBuilder.CreateKernel</c>), keeping the parts a C# notebook
/// can reach: a <see cref="CompositeKernel"/> whose default is a C# kernel with <c>#r "nuget:"</c>, the
/// kernel helpers (<c>display</c>, <c>HTML</c>), <c>#!who</c> and value sharing; an HTML kernel and a
/// value store; the default magic commands (<c>#!time</c>, <c>#!lsmagic</c>), <c>#!import</c> and
/// kernel extensions shipped in NuGet packages; and HTML as the default mime type, with strings as
/// plain text. The F#, PowerShell, HTTP and Mermaid kernels and the connection directives are left
/// out: the chapters are C#, and their packages are not published.
/// </summary>
public static class KernelComposition
{
    /// <summary>The composite kernel, with C# as its default.</summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(package => package.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();

        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.Add(new HtmlKernel());
        composite.Add(new KeyValueStoreKernel().UseWho());
        composite
            .UseImportMagicCommand()
            .UseTime()
            .UseLsMagic()
            .UseNuGetExtensions();
        composite.DefaultKernelName = csharp.Name;

        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        return composite;
    }
}
