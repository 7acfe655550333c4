using System.Diagnostics.CodeAnalysis;
using NotebookRunner.Formatting;
using NotebookRunner.Kernel;

// The namespace and type name are the real kernel's, so that cells import the same helpers with
// `using static Microsoft.DotNet.Interactive.Kernel;` in both kernels (kernel.md, "What a cell sees").
namespace Microsoft.DotNet.Interactive;

/// <summary>The helpers every cell can call without a qualifier: <c>display</c>, <c>HTML</c>, <c>Javascript</c>, <c>CSS</c>.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The names are the kernel's, which cells call.")]
public static class Kernel
{
    /// <summary>Shows <paramref name="value"/> now; the returned handle replaces it in place with <c>Update</c>.</summary>
    public static DisplayedValue display(object? value)
    {
        var cell = CellOutputs.Current;
        var position = value is null || cell is null ? -1 : cell.Display(ValueFormatter.Format(value));
        return new DisplayedValue(cell, position);
    }

    /// <summary>Markup that is displayed as HTML.</summary>
    public static HtmlContent HTML(string content) => new(content ?? "");

    /// <summary>A script that runs where the output is shown.</summary>
    public static HtmlContent Javascript(string scriptContent) => new($"<script type=\"text/javascript\">{scriptContent}</script>");

    /// <summary>A style sheet applied where the output is shown.</summary>
    public static HtmlContent CSS(string content) => new($"<style>{content}</style>");
}
