using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Site;

/// <summary>
/// Marks up C# cell source for the static site: comments, strings, numbers, keywords, type-like names
/// and the kernel's own lines (<c>#r</c>, <c>#!time</c>) each get a <c>span</c> with a class. It colours;
/// it does not parse, so odd code is still shown exactly, only less colourfully.
/// </summary>
public static partial class CSharpHighlighter
{
    /// <summary>The HTML-escaped <paramref name="code"/>, with its tokens wrapped in <c>&lt;span class="tok-…"&gt;</c>.</summary>
    public static string ToHtml(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var html = new StringBuilder(code.Length * 2);
        var position = 0;
        foreach (Match token in Tokens().Matches(code))
        {
            html.Append(HtmlText.Encode(code[position..token.Index]));
            var kind = token.Groups.Values.Skip(1).First(group => group.Success).Name;
            html.Append("<span class=\"tok-").Append(kind).Append("\">").Append(HtmlText.Encode(token.Value)).Append("</span>");
            position = token.Index + token.Length;
        }

        return html.Append(HtmlText.Encode(code[position..])).ToString();
    }

    [GeneratedRegex("""
        (?<comment>//[^\n]*|/\*[\s\S]*?\*/)
        |(?<directive>^[ \t]*\#(?:r|!|load|nullable|pragma|region|endregion|if|else|endif|define)\b?[^\n]*)
        |(?<string>\$*@?\"\"\"[\s\S]*?\"\"\"|\$?@\$?\"(?:[^\"]|\"\")*\"|\$?\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.){1,6}')
        |(?<number>\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[fFdDmMuUlL]*\b)
        |(?<keyword>\b(?:abstract|as|async|await|base|bool|break|byte|case|catch|char|checked|class|const|continue|decimal|default|delegate|do|double|else|enum|event|explicit|extern|false|finally|fixed|float|for|foreach|goto|if|implicit|in|init|int|interface|internal|is|lock|long|nameof|new|null|object|operator|out|override|params|private|protected|public|readonly|record|ref|required|return|sbyte|sealed|short|sizeof|stackalloc|static|string|struct|switch|this|throw|true|try|typeof|uint|ulong|unchecked|unsafe|ushort|using|var|virtual|void|volatile|when|where|while|with|yield)\b)
        |(?<type>\b[A-Z][A-Za-z0-9_]*\b)
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.Multiline)]
    private static partial Regex Tokens();
}
