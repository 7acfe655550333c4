namespace AsyncLab;

/// <summary>
/// Tells the notebook kernel how to display a type. The kernel finds this attribute by its NAME,
/// so AsyncLab needs no reference to the kernel's packages: it instantiates
/// <see cref="FormatterSourceType"/>, calls its <c>CreateTypeFormatters()</c>, and uses each returned
/// object's <c>MimeType</c> property and <c>Format(object, TextWriter)</c> method.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Names the class whose <c>CreateTypeFormatters()</c> supplies the formatters.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType)
    {
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>The class whose <c>CreateTypeFormatters()</c> supplies the formatters.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>The MIME types the kernel should prefer, best first; null (the default) leaves the kernel's choice, text/html.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
