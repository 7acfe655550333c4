using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Html;
using NotebookRunner.Kernel;
using NotebookRunner.Scripting;

// The namespace and type name are the real kernel's, so that cells import the same helpers with
// `using static Microsoft.DotNet.Interactive.Kernel;` in both engines (CONTRIBUTING.md, "What a cell sees").
namespace Microsoft.DotNet.Interactive;

/// <summary>The helpers every cell can call without a qualifier: <c>display</c>, <c>HTML</c>, <c>Javascript</c>, <c>CSS</c>.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The names are the kernel's, which cells call.")]
public static class Kernel
{
    /// <summary>Shows <paramref name="value"/> now, and returns a handle whose updates show in an output of their own.</summary>
    public static DisplayedValue display(object? value)
    {
        if (value is not null)
        {
            CellOutputs.Current?.Display(ValueFormatter.Format(value));
        }

        return new DisplayedValue(CellOutputs.Current);
    }

    /// <summary>Markup that is displayed as HTML.</summary>
    public static IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>Shows a script that runs where the output is shown.</summary>
    public static void Javascript(string scriptContent) => display(HTML($"<script type=\"text/javascript\">{scriptContent}</script>"));

    /// <summary>Shows a script that adds <paramref name="content"/> to the page's styles.</summary>
    public static void CSS(string content) =>
        Javascript($"var style = document.createElement('style'); style.appendChild(document.createTextNode(`{content}`)); (document.head || document.documentElement).appendChild(style);");
}
