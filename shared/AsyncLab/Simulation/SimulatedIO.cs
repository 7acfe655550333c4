using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Pretend I/O (a web request, a database query) that takes a given latency and records itself in
/// <see cref="Recorder"/>, so that what runs when can be charted. All waiting uses the recorder's
/// <see cref="TimingRecorder.TimeProvider"/>.
/// </summary>
/// <example>
/// <code>
/// var io = new SimulatedIO(new TimingRecorder());
/// string page = await io.FetchAsync("home page", TimeSpan.FromSeconds(1));   // "response from home page"
/// </code>
/// </example>
public sealed class SimulatedIO
{
    private readonly Random _dice;

    /// <summary>Creates simulated I/O that records into <paramref name="recorder"/>.</summary>
    /// <param name="recorder">Where every operation is recorded, and whose clock it waits on.</param>
    /// <param name="options">Latency scale, failure probability and seed; defaults when null.</param>
    public SimulatedIO(TimingRecorder recorder, SimulatedIOOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        Recorder = recorder;
        LatencyScale = options?.LatencyScale ?? AsyncLab.LatencyScale.Current;
        FailureProbability = options?.FailureProbability ?? 0;
        _dice = options?.Seed is int seed ? new Random(seed) : new Random();
        Clock = new ScaledTimeProvider(LatencyScale, recorder.TimeProvider);
    }

    /// <summary>Where every operation is recorded.</summary>
    public TimingRecorder Recorder { get; }

    /// <summary>The factor applied to every latency (see <see cref="AsyncLab.LatencyScale"/>).</summary>
    public double LatencyScale { get; }

    /// <summary>
    /// The recorder's clock with timers at <see cref="LatencyScale"/>: pass it to timeouts and delays written next to
    /// simulated latencies (<c>new CancellationTokenSource(TimeSpan.FromSeconds(0.5), io.Clock)</c>,
    /// <c>task.WaitAsync(timeout, io.Clock)</c>, <c>Task.Delay(delay, io.Clock)</c>), so they stay in proportion at any scale.
    /// </summary>
    public TimeProvider Clock { get; }

    /// <summary>The chance that a <c>FetchAsync</c> call fails, from 0 to 1.</summary>
    public double FailureProbability { get; }

    /// <summary>Waits <paramref name="latency"/> without blocking a thread, then returns "response from {name}".</summary>
    /// <param name="name">The operation's name in the recorder, such as "weather".</param>
    /// <param name="latency">How long the simulated operation takes (before scaling).</param>
    /// <param name="cancellationToken">Cancels the wait; the operation is then recorded as canceled.</param>
    public Task<string> FetchAsync(string name, TimeSpan latency, CancellationToken cancellationToken = default) =>
        FetchAsync(name, latency, $"response from {name}", cancellationToken);

    /// <summary>Waits <paramref name="latency"/> without blocking a thread, then returns <paramref name="result"/>.</summary>
    /// <param name="name">The operation's name in the recorder.</param>
    /// <param name="latency">How long the simulated operation takes (before scaling).</param>
    /// <param name="result">The value to return.</param>
    /// <param name="cancellationToken">Cancels the wait; the operation is then recorded as canceled.</param>
    /// <example><c>int price = await io.FetchAsync("price", TimeSpan.FromSeconds(1), 42);</c></example>
    public Task<T> FetchAsync<T>(string name, TimeSpan latency, T result, CancellationToken cancellationToken = default)
    {
        TimeSpan delay = Scale(name, latency);
        SimulatedFailureException? failure = RollForFailure(name);
        return Recorder.RecordAsync(name, async () =>
        {
            await WaitAsync(delay, cancellationToken);
            return failure is null ? result : throw failure;
        });
    }

    /// <summary>Waits <paramref name="latency"/>, then throws a <see cref="SimulatedFailureException"/> with <paramref name="message"/>.</summary>
    /// <param name="name">The operation's name in the recorder.</param>
    /// <param name="latency">How long the simulated operation takes before it fails (before scaling).</param>
    /// <param name="message">The exception's message, such as "server busy".</param>
    /// <param name="cancellationToken">Cancels the wait; the operation is then recorded as canceled.</param>
    public Task FailAsync(string name, TimeSpan latency, string message, CancellationToken cancellationToken = default) =>
        FailAsync<bool>(name, latency, message, cancellationToken);

    /// <summary>Like <see cref="FailAsync(string, TimeSpan, string, CancellationToken)"/>, typed as an operation that would return a <typeparamref name="T"/>.</summary>
    /// <param name="name">The operation's name in the recorder.</param>
    /// <param name="latency">How long the simulated operation takes before it fails (before scaling).</param>
    /// <param name="message">The exception's message.</param>
    /// <param name="cancellationToken">Cancels the wait; the operation is then recorded as canceled.</param>
    public Task<T> FailAsync<T>(string name, TimeSpan latency, string message, CancellationToken cancellationToken = default)
    {
        TimeSpan delay = Scale(name, latency);
        ArgumentNullException.ThrowIfNull(message);
        return Recorder.RecordAsync<T>(name, async () =>
        {
            await WaitAsync(delay, cancellationToken);
            throw new SimulatedFailureException(message, name);
        });
    }

    /// <summary>
    /// Blocks the calling thread for the scaled latency and records it. This uses <see cref="Thread.Sleep(TimeSpan)"/>
    /// on purpose, to show what blocking costs: the thread can do nothing else meanwhile. Prefer
    /// <c>FetchAsync</c> in real code. Blocking does not follow an injected clock.
    /// </summary>
    /// <param name="name">The operation's name in the recorder.</param>
    /// <param name="latency">How long to block (before scaling).</param>
    public void Block(string name, TimeSpan latency)
    {
        TimeSpan delay = Scale(name, latency);
        Recorder.Record(name, () => Thread.Sleep(delay));
    }

    /// <summary>
    /// Waits on the recorder's clock. A canceled wait ends one step after the cancel, never inside the
    /// <c>Cancel()</c> call, as a real connection takes a moment to shut down: code that cancels and returns
    /// without awaiting the operation finds it still running, on every run.
    /// </summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, Recorder.TimeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Task.Yield();
            throw;
        }
    }

    private TimeSpan Scale(string name, TimeSpan latency)
    {
        Require.NotBlank(name, "An operation name");
        Require.NonNegative(latency, "Latency");
        return AsyncLab.LatencyScale.Apply(latency, LatencyScale);
    }

    /// <summary>Rolls the dice when the call is made (not when it ends), so a seed gives the same failures on every run.</summary>
    private SimulatedFailureException? RollForFailure(string name)
    {
        if (FailureProbability == 0)
        {
            return null;
        }

        lock (_dice)
        {
            return _dice.NextDouble() < FailureProbability
                ? new SimulatedFailureException(Invariant($"{name} failed (simulated, failure probability {FailureProbability})."), name)
                : null;
        }
    }
}
