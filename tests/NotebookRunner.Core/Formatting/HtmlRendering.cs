using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace NotebookRunner.Formatting;

/// <summary>
/// The kernel's default <c>text/html</c> for a value without formatters of its own: a scalar in a
/// <c>&lt;pre&gt;</c>, an object as a table of its public properties and fields, a sequence as a
/// table with an index column, at most <see cref="MaxItems"/> rows.
/// </summary>
internal static class HtmlRendering
{
    /// <summary>The most items of a sequence that are shown.</summary>
    public const int MaxItems = 20;

    public static string Render(object value) =>
        value switch
        {
            _ when IsScalar(value) => Pre(Text(value)),
            IDictionary dictionary => Table(["key", "value"], dictionary.Cast<DictionaryEntry>().Select(entry => new[] { entry.Key, entry.Value }), more: dictionary.Count > MaxItems),
            IEnumerable sequence => RenderSequence(sequence),
            _ => Table(["", "value"], Members(value.GetType()).Select(member => new[] { member.Name, Read(member, value) }), more: false),
        };

    private static string RenderSequence(IEnumerable sequence)
    {
        var items = sequence.Cast<object?>().Take(MaxItems + 1).ToList();
        var more = items.Count > MaxItems;
        items = items.Take(MaxItems).ToList();
        var members = items.FirstOrDefault(item => item is not null && !IsScalar(item)) is { } sample ? Members(sample.GetType()) : [];
        if (members.Count == 0 || items.Any(item => item is not null && item.GetType() != items.First(i => i is not null)!.GetType()))
        {
            return Table(["index", "value"], items.Select((item, index) => new[] { index, item }), more);
        }

        return Table(["index", .. members.Select(member => member.Name)], items.Select((item, index) => new object?[] { index }.Concat(members.Select(member => item is null ? null : Read(member, item))).ToArray()), more);
    }

    private static string Table(IReadOnlyList<string> headers, IEnumerable<object?[]> rows, bool more)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(Text(cell))).Append("</td>");
            }

            html.Append("</tr>");
        }

        if (more)
        {
            html.Append("<tr><td colspan=\"").Append(headers.Count).Append("\"><i>(more)</i></td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Pre(string text) => $"<div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(text)}</pre></div>";

    private static bool IsScalar(object value) =>
        value is string or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Uri or Type or Enum
        || value.GetType().IsPrimitive;

    private static string Text(object? value) =>
        value switch
        {
            null => "<null>",
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable sequence when !IsScalar(value) => "[ " + string.Join(", ", sequence.Cast<object?>().Take(5).Select(Text)) + (sequence.Cast<object?>().Skip(5).Any() ? ", … ]" : " ]"),
            _ => value.ToString() ?? "",
        };

    private static List<MemberInfo> Members(Type type) =>
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0 && property.CanRead),
            .. type.GetFields(BindingFlags.Public | BindingFlags.Instance),
        ];

    private static object? Read(MemberInfo member, object target)
    {
        try
        {
            return member is PropertyInfo property ? property.GetValue(target) : ((FieldInfo)member).GetValue(target);
        }
        catch (TargetInvocationException error)
        {
            return $"({error.InnerException?.GetType().Name ?? error.GetType().Name})";
        }
    }
}
