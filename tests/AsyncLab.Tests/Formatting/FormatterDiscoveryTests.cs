using System.Collections;
using System.Reflection;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Formatting;

/// <summary>Finds and calls AsyncLab's formatters purely by name, the way the notebook kernel does.</summary>
public class FormatterDiscoveryTests
{
    public static TheoryData<string> DisplayableTypes => ["PlotlyChart", "CheckResult", "TimingSummary"];

    [Theory]
    [MemberData(nameof(DisplayableTypes))]
    public void KernelByName_FindsHtmlAndPlainTextFormatters(string typeName)
    {
        object value = Sample(typeName);

        Dictionary<string, string> formatted = FormatLikeTheKernel(value);

        Assert.Equal(["text/html", "text/plain"], formatted.Keys.Order());
        Assert.Equal(value.ToString(), formatted["text/plain"]);
        Assert.StartsWith("<", formatted["text/html"]);
        Assert.DoesNotContain("<style", formatted["text/html"]);
    }

    [Fact]
    public void KernelByName_FormatterSourceHasAPublicParameterlessConstructor()
    {
        // The real kernel uses Activator.CreateInstance(type), which needs a public constructor.
        Type source = FormatterSourceType(Sample("PlotlyChart"));

        Assert.NotNull(Activator.CreateInstance(source));
    }

    [Fact]
    public void KernelByName_PreferredMimeTypesLeftToTheKernel()
    {
        object attribute = FormatterAttribute(Sample("CheckResult"));

        Assert.Null(attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute));
    }

    [Fact]
    public void Format_ValueThatIsNotFormattable_ReturnsFalseAndWritesNothing()
    {
        foreach (object formatter in CreateFormatters(FormatterSourceType(Sample("TimingSummary"))))
        {
            using var writer = new StringWriter();

            Assert.False((bool)formatter.GetType().GetMethod("Format")!.Invoke(formatter, ["just a string", writer])!);
            Assert.Equal("", writer.ToString());
        }
    }

    private static object Sample(string typeName) => typeName switch
    {
        "PlotlyChart" => TimelineChart.Create("Sequential", [Completed(0, "A", 0, 1)]),
        "TimingSummary" => TimingSummary.Create([Completed(0, "A", 0, 1)], Seconds(1)),
        "CheckResult" => new CheckResult("Exercise", [new ExpectationOutcome("Works", true, "yes")], hint: null),
        _ => throw new ArgumentOutOfRangeException(nameof(typeName), typeName, "No sample for this type."),
    };

    private static Dictionary<string, string> FormatLikeTheKernel(object value)
    {
        var formatted = new Dictionary<string, string>();
        foreach (object formatter in CreateFormatters(FormatterSourceType(value)))
        {
            var mimeType = (string)formatter.GetType().GetProperty("MimeType")!.GetValue(formatter)!;
            using var writer = new StringWriter();
            var handled = (bool)formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [value, writer])!;
            Assert.True(handled, $"The {mimeType} formatter declined a {value.GetType().Name}.");
            formatted[mimeType] = writer.ToString();
        }

        return formatted;
    }

    private static object FormatterAttribute(object value) =>
        value.GetType().GetCustomAttributes(inherit: true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");

    private static Type FormatterSourceType(object value)
    {
        object attribute = FormatterAttribute(value);
        return (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
    }

    private static IEnumerable<object> CreateFormatters(Type sourceType)
    {
        object source = Activator.CreateInstance(sourceType, nonPublic: true)!;
        MethodInfo create = sourceType.GetMethod("CreateTypeFormatters")!;
        return ((IEnumerable)create.Invoke(source, null)!).Cast<object>();
    }
}
