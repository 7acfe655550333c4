using System.Collections.Concurrent;
using System.Reflection;

namespace NotebookRunner.Formatting;

/// <summary>
/// Finds a type's own formatters the way the real kernel does, by name alone: an attribute named
/// <c>TypeFormatterSourceAttribute</c> whose constructor takes the formatter source's <see cref="Type"/>;
/// the source's <c>CreateTypeFormatters()</c> returns objects with a <c>string MimeType</c> and a
/// <c>bool Format(object value, TextWriter writer)</c>. Nothing here references the library that declares them.
/// </summary>
internal static class FormatterSourceConvention
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Formatter>> Cache = new();

    /// <summary>Formats <paramref name="value"/> with its type's own formatters; empty when it has none.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Format(object value)
    {
        var formatted = new List<KeyValuePair<string, string>>();
        foreach (var formatter in Cache.GetOrAdd(value.GetType(), FormattersOf))
        {
            using var writer = new StringWriter();
            if (formatter.Format(value, writer))
            {
                formatted.Add(new(formatter.MimeType, writer.ToString()));
            }
        }

        return formatted;
    }

    private static List<Formatter> FormattersOf(Type type)
    {
        var attribute = type.GetCustomAttributesData()
            .Concat(BaseTypes(type).SelectMany(CustomAttributeData.GetCustomAttributes))
            .FirstOrDefault(data => data.AttributeType.Name == "TypeFormatterSourceAttribute");
        if (attribute?.ConstructorArguments is not [{ Value: Type sourceType }, ..])
        {
            return [];
        }

        var source = Activator.CreateInstance(sourceType, nonPublic: true);
        var formatters = sourceType.GetMethod("CreateTypeFormatters", AnyInstance)?.Invoke(source, null) as System.Collections.IEnumerable;
        return formatters?.Cast<object>().Select(Formatter.Wrap).OfType<Formatter>().ToList() ?? [];
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    private sealed record Formatter(string MimeType, object Target, MethodInfo FormatMethod)
    {
        public static Formatter? Wrap(object target)
        {
            var type = target.GetType();
            var mimeType = type.GetProperty("MimeType", AnyInstance)?.GetValue(target) as string;
            var format = type.GetMethod("Format", AnyInstance, [typeof(object), typeof(TextWriter)]);
            return mimeType is null || format is null ? null : new Formatter(mimeType, target, format);
        }

        public bool Format(object value, TextWriter writer) =>
            FormatMethod.Invoke(Target, [value, writer]) is true;
    }
}
