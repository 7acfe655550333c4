namespace AsyncLab;

/// <summary>Waits on a <see cref="TimingRecorder"/>: for work that nobody awaits any more to end.</summary>
/// <example>
/// <code>
/// recorder.Timeline("Left running")            // shows what is still running
/// await recorder.WhenNothingRunningAsync();    // then lets it end, so that nothing runs on
/// </code>
/// </example>
public static class TimingRecorderWaits
{
    /// <summary>How often <see cref="WhenNothingRunningAsync"/> looks at the recorder: every 10 ms on its clock.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Completes once no operation recorded by <paramref name="recorder"/> is running. Use it after showing work that
    /// was left running (for example by <c>WaitAsync</c>), so that it has ended before you go on. It cannot tell
    /// whether more operations will begin later.
    /// </summary>
    /// <param name="recorder">The recorder to watch.</param>
    /// <param name="cancellationToken">Stops waiting; the returned task is then canceled.</param>
    public static async Task WhenNothingRunningAsync(this TimingRecorder recorder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        while (recorder.Summarize().Running > 0)
        {
            await Task.Delay(PollInterval, recorder.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
