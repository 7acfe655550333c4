namespace AsyncLab;

/// <summary>From <see cref="At"/> until the next step, <see cref="InFlight"/> operations were running.</summary>
/// <param name="At">When the number of operations in flight changed, relative to the recorder's start.</param>
/// <param name="InFlight">How many operations were in flight from that moment on.</param>
public readonly record struct ConcurrencyStep(TimeSpan At, int InFlight);
