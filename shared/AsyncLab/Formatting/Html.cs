using System.Text;

namespace AsyncLab;

/// <summary>Escapes text for HTML (and for plotly labels, which understand the same entities).</summary>
internal static class Html
{
    /// <summary>Replaces the five characters that HTML treats specially with entities.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
