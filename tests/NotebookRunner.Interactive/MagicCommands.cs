using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookRunner.Interactive;

/// <summary>
/// The magic commands the tool adds to every kernel (its Jupyter package's <c>UseDefaultMagicCommands</c>,
/// which is not published on its own): <c>#!time</c>, which shows the cell's wall time after it ran, and
/// <c>#!lsmagic</c>, which lists the directives each kernel understands.
/// </summary>
internal static class MagicCommands
{
    /// <summary><c>#!time</c>: after the cell, a plain-text display <c>Wall time: 12.3456ms</c>, as the tool shows it.</summary>
    public static T UseTime<T>(this T kernel)
        where T : Microsoft.DotNet.Interactive.Kernel
    {
        kernel.AddDirective(new KernelActionDirective("#!time") { Description = "Time the execution of the cell" }, (_, context) =>
        {
            var clock = Stopwatch.StartNew();
            context.OnComplete(completed =>
            {
                var text = $"Wall time: {clock.Elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
                completed.Publish(new DisplayedValueProduced(clock.Elapsed, completed.Command, [new FormattedValue(PlainTextFormatter.MimeType, text)]));
            });
            return Task.CompletedTask;
        });
        return kernel;
    }

    /// <summary><c>#!lsmagic</c>: the directives of the root kernel and of each subkernel, as plain text.</summary>
    public static T UseLsMagic<T>(this T kernel)
        where T : Microsoft.DotNet.Interactive.Kernel
    {
        kernel.VisitSubkernelsAndSelf(each => each.AddDirective(new KernelActionDirective("#!lsmagic") { Description = "List the available magic commands" }, (_, context) =>
        {
            var kernels = context.HandlingKernel.RootKernel is CompositeKernel composite ? composite.Prepend<Microsoft.DotNet.Interactive.Kernel>(composite) : [context.HandlingKernel];
            var lines = kernels.Select(k => $"{k.Name} kernel: {string.Join(", ", k.KernelInfo.SupportedDirectives.Where(d => !d.Hidden).Select(d => d.Name).Order(StringComparer.Ordinal))}");
            context.DisplayAs(string.Join("\n", lines), PlainTextFormatter.MimeType);
            return Task.CompletedTask;
        }));
        return kernel;
    }
}
