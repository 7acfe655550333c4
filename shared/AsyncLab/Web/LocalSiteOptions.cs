using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Settings for a <see cref="LocalSite"/>: how big the generated site is, how fast its pages answer,
/// and how much trouble it makes. The same seed and settings always give the same site.
/// </summary>
/// <example>
/// <code>
/// var options = new LocalSiteOptions { PageCount = 200, FlakyShare = 0.1, Capacity = 8 };
/// </code>
/// </example>
public sealed class LocalSiteOptions
{
    private int _pageCount = 300;
    private int _linksPerPage = 4;
    private TimeSpan _latency = TimeSpan.FromSeconds(0.05);
    private TimeSpan _slowLatency = TimeSpan.FromSeconds(1);
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);
    private int _flakyFailures = 2;
    private int? _capacity;
    private double _slowShare = 0.05;
    private double _flakyShare = 0.05;
    private double _brokenShare = 0.02;
    private double _missingShare = 0.03;
    private double _rateLimitedShare = 0.03;
    private double? _latencyScale;

    /// <summary>The seed of the generated site: the same seed gives the same pages, kinds and links; 1 unless set.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How many pages the site has, from 1 to 100 000; 300 unless set.</summary>
    public int PageCount
    {
        get => _pageCount;
        set => _pageCount = InRange(value, 1, 100_000, "The page count");
    }

    /// <summary>How many links each page carries, from 1 to 50; 4 unless set. The first two lead to the next pages, so every page can be reached from page 0.</summary>
    public int LinksPerPage
    {
        get => _linksPerPage;
        set => _linksPerPage = InRange(value, 1, 50, "The number of links per page");
    }

    /// <summary>How long an ordinary page takes to answer (before scaling); 0.05 s unless set.</summary>
    public TimeSpan Latency
    {
        get => _latency;
        set
        {
            Require.NonNegative(value, "The latency");
            _latency = value;
        }
    }

    /// <summary>How long a <see cref="PageKind.Slow"/> page takes to answer (before scaling); 1 s unless set.</summary>
    public TimeSpan SlowLatency
    {
        get => _slowLatency;
        set
        {
            Require.NonNegative(value, "The slow latency");
            _slowLatency = value;
        }
    }

    /// <summary>
    /// What a <see cref="PageKind.RateLimited"/> page asks the client to wait, in whole seconds from 1 to 60 as the
    /// <c>Retry-After</c> header can say it; 1 s unless set. It is not scaled: the header carries whole seconds.
    /// </summary>
    public TimeSpan RetryAfter
    {
        get => _retryAfter;
        set
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromSeconds(60) || value.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"Retry-After must be a whole number of seconds from 1 to 60, but was {value}."));
            }

            _retryAfter = value;
        }
    }

    /// <summary>How many requests a <see cref="PageKind.Flaky"/> page answers with 500 before it answers 200, from 1 to 100; 2 unless set.</summary>
    public int FlakyFailures
    {
        get => _flakyFailures;
        set => _flakyFailures = InRange(value, 1, 100, "The number of failures of a flaky page");
    }

    /// <summary>
    /// How many requests the site serves at once; the others wait their turn (and count as in flight).
    /// Null, the default, serves every request at once.
    /// </summary>
    public int? Capacity
    {
        get => _capacity;
        set => _capacity = value is { } capacity ? InRange(capacity, 1, 10_000, "The capacity") : null;
    }

    /// <summary>The share of pages that are <see cref="PageKind.Slow"/>, from 0 to 1; 0.05 unless set.</summary>
    public double SlowShare
    {
        get => _slowShare;
        set => _slowShare = Share(value, "slow");
    }

    /// <summary>The share of pages that are <see cref="PageKind.Flaky"/>, from 0 to 1; 0.05 unless set.</summary>
    public double FlakyShare
    {
        get => _flakyShare;
        set => _flakyShare = Share(value, "flaky");
    }

    /// <summary>The share of pages that are <see cref="PageKind.Broken"/>, from 0 to 1; 0.02 unless set.</summary>
    public double BrokenShare
    {
        get => _brokenShare;
        set => _brokenShare = Share(value, "broken");
    }

    /// <summary>The share of pages that are <see cref="PageKind.Missing"/>, from 0 to 1; 0.03 unless set.</summary>
    public double MissingShare
    {
        get => _missingShare;
        set => _missingShare = Share(value, "missing");
    }

    /// <summary>The share of pages that are <see cref="PageKind.RateLimited"/>, from 0 to 1; 0.03 unless set.</summary>
    public double RateLimitedShare
    {
        get => _rateLimitedShare;
        set => _rateLimitedShare = Share(value, "rate-limited");
    }

    /// <summary>The factor applied to <see cref="Latency"/> and <see cref="SlowLatency"/>; <see cref="AsyncLab.LatencyScale.Current"/> when null.</summary>
    public double? LatencyScale
    {
        get => _latencyScale;
        set
        {
            if (value is { } scale)
            {
                AsyncLab.LatencyScale.Validate(scale, nameof(value));
            }

            _latencyScale = value;
        }
    }

    /// <summary>The clock the site waits on and times its requests with; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Throws unless the shares of trouble add up to at most 1.</summary>
    internal void Validate()
    {
        double total = SlowShare + FlakyShare + BrokenShare + MissingShare + RateLimitedShare;
        if (total > 1 + 1e-9)
        {
            throw new ArgumentException(Invariant($"The shares of slow, flaky, broken, missing and rate-limited pages must add up to at most 1, but added up to {total}."), "options");
        }
    }

    private static int InRange(int value, int min, int max, string what) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), Invariant($"{what} must be from {min} to {max}, but was {value}."));

    private static double Share(double value, string kind) =>
        value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The share of {kind} pages must be from 0 to 1, but was {value}."));
}
