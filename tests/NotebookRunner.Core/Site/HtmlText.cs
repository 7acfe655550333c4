using System.Text;

namespace NotebookRunner.Site;

/// <summary>Escapes text for HTML, and only the five characters that need it: the pages are UTF-8, so "·" stays "·".</summary>
internal static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var html = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            html.Append(character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => character.ToString(),
            });
        }

        return html.ToString();
    }
}
