using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookRunner.Interactive;

/// <summary>
/// Kernel extensions shipped in NuGet packages, as the tool loads them (its <c>UseNuGetExtensions</c>):
/// after a command that added a package, every public <see cref="IKernelExtension"/> in the package's
/// <c>interactive-extensions/dotnet</c> folder is created and loaded into the kernel. This is how a package
/// such as Plotly.NET.Interactive teaches the kernel to display its charts.
/// </summary>
internal static class NuGetExtensions
{
    private const string ExtensionFolder = "interactive-extensions";

    public static CompositeKernel UseNuGetExtensions(this CompositeKernel kernel)
    {
        var added = new ConcurrentQueue<string>();
        var loaded = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        kernel.RegisterForDisposal(kernel.KernelEvents.OfType<PackageAdded>()
            .Where(package => package.PackageReference.PackageRoot is not null)
            .Subscribe(package => added.Enqueue(package.PackageReference.PackageRoot)));

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context).ConfigureAwait(false);
            while (added.TryDequeue(out var root))
            {
                var folder = Path.Combine(root, ExtensionFolder, "dotnet");
                if (Directory.Exists(folder) && loaded.TryAdd(folder, true))
                {
                    await LoadAsync(kernel, folder, context).ConfigureAwait(false);
                }
            }
        });
        return kernel;
    }

    private static async Task LoadAsync(CompositeKernel kernel, string folder, KernelInvocationContext context)
    {
        foreach (var file in Directory.GetFiles(folder, "*.dll"))
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
            var extensions = assembly.ExportedTypes.Where(type => !type.IsAbstract && !type.IsInterface && typeof(IKernelExtension).IsAssignableFrom(type)).ToList();
            if (extensions.Count > 0)
            {
                context.DisplayAs($"Loading extensions from `{file}`", PlainTextFormatter.MimeType);
            }

            foreach (var type in extensions)
            {
                try
                {
                    var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                    await extension.OnLoadAsync(kernel).ConfigureAwait(false);
                    context.Publish(new KernelExtensionLoaded(extension, context.Command));
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    context.Fail(context.Command, error, $"Failed to load the kernel extension {type.Name} from {file}: {error.Message}");
                }
            }
        }
    }
}
