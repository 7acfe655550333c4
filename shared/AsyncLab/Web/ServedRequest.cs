namespace AsyncLab;

/// <summary>One request as a <see cref="LocalSite"/> served it, timed on the site's clock from its start.</summary>
/// <param name="Sequence">The arrival order, from 0.</param>
/// <param name="Path">The requested path.</param>
/// <param name="Start">When the request arrived, since the site started or was last reset.</param>
/// <param name="End">When the site finished with it.</param>
/// <param name="Status">The HTTP status code the site answered (or was about to answer when the client went away).</param>
/// <param name="Aborted">True when the client went away (it cancelled or timed out) before the response was complete.</param>
public sealed record ServedRequest(int Sequence, string Path, TimeSpan Start, TimeSpan End, int Status, bool Aborted)
{
    /// <summary><see cref="End"/> minus <see cref="Start"/>.</summary>
    public TimeSpan Duration => End - Start;
}
