using static System.FormattableString;

namespace AsyncLab;

/// <summary>Settings for a <see cref="SimulatedIO"/>.</summary>
/// <example>
/// <code>
/// var io = new SimulatedIO(recorder, new SimulatedIOOptions { FailureProbability = 0.2, Seed = 42 });
/// </code>
/// </example>
public sealed class SimulatedIOOptions
{
    private double? _latencyScale;
    private double _failureProbability;

    /// <summary>Multiplies every latency; null (the default) uses <see cref="AsyncLab.LatencyScale.Current"/>.</summary>
    public double? LatencyScale
    {
        get => _latencyScale;
        set => _latencyScale = AsyncLab.LatencyScale.ValidateOptional(value, nameof(value));
    }

    /// <summary>
    /// The chance, from 0 (the default) to 1, that a <see cref="SimulatedIO.FetchAsync(string, TimeSpan, CancellationToken)"/>
    /// throws a <see cref="SimulatedFailureException"/> after its latency.
    /// </summary>
    public double FailureProbability
    {
        get => _failureProbability;
        set
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), Invariant($"The failure probability must be between 0 and 1 (0.1 fails one call in ten), but was {value}."));
            }

            _failureProbability = value;
        }
    }

    /// <summary>Seeds the dice that decide failures, so the same calls fail on every run; null picks a random seed.</summary>
    public int? Seed { get; set; }
}
