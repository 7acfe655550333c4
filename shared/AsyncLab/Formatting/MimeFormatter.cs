namespace AsyncLab;

/// <summary>Writes an <see cref="IHtmlFormattable"/> value in one MIME type; the kernel matches its members by name.</summary>
internal sealed class MimeFormatter
{
    private readonly Func<IHtmlFormattable, string> _render;

    /// <summary>Creates a formatter for <paramref name="mimeType"/> that writes <paramref name="render"/>'s output.</summary>
    public MimeFormatter(string mimeType, Func<IHtmlFormattable, string> render)
    {
        MimeType = mimeType;
        _render = render;
    }

    /// <summary>The MIME type this formatter writes, such as "text/html".</summary>
    public string MimeType { get; }

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/>; returns false for values it cannot format.</summary>
    public bool Format(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not IHtmlFormattable formattable)
        {
            return false;
        }

        writer.Write(_render(formattable));
        return true;
    }
}
