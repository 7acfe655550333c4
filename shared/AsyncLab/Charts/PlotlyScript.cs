using System.Diagnostics.CodeAnalysis;

namespace AsyncLab;

/// <summary>
/// Where charts load plotly.js from when the page does not already have it (no <c>window.Plotly</c>).
/// </summary>
/// <example>
/// Offline, next to a saved page: <c>PlotlyScript.Url = "plotly.min.js";</c> (from npm's plotly.js-dist-min).
/// </example>
public static class PlotlyScript
{
    /// <summary>The environment variable that overrides the default URL: "ASYNCLAB_PLOTLY_URL".</summary>
    public const string EnvironmentVariable = "ASYNCLAB_PLOTLY_URL";

    /// <summary>The URL used when neither <see cref="Url"/> nor <see cref="EnvironmentVariable"/> is set.</summary>
    public const string DefaultUrl = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    private static volatile string? s_url;

    /// <summary>
    /// The plotly.js URL: an absolute http, https or file URL, or a path relative to the page.
    /// Defaults to <see cref="EnvironmentVariable"/> when set, else <see cref="DefaultUrl"/>;
    /// set it to null to return to that default.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environment variable holds an invalid URL.</exception>
    [AllowNull]
    public static string Url
    {
        get => s_url ?? FromEnvironment() ?? DefaultUrl;
        set
        {
            if (value is not null && !IsValid(value))
            {
                throw new ArgumentException(Message("The plotly.js URL", value), nameof(value));
            }

            s_url = value;
        }
    }

    private static string? FromEnvironment()
    {
        string? url = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        return IsValid(url) ? url : throw new InvalidOperationException(Message($"The environment variable {EnvironmentVariable}", url));
    }

    private static bool IsValid(string url) =>
        !string.IsNullOrWhiteSpace(url)
        && (Uri.TryCreate(url, UriKind.Absolute, out Uri? absolute)
            ? absolute.Scheme is "http" or "https" or "file"
            : Uri.TryCreate(url, UriKind.Relative, out _));

    private static string Message(string what, string url) =>
        $"{what} must be an absolute http, https or file URL, or a path relative to the page, such as \"{DefaultUrl}\" or \"plotly.min.js\", but was \"{url}\".";
}
