using System.Net;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A pretend remote service that fails by a script: call <c>n</c> fails with the <c>n</c>-th status code of the
/// script (as an <see cref="HttpRequestException"/> carrying it), and every call after the script succeeds. Each call
/// is recorded in <see cref="Recorder"/> as "attempt 1", "attempt 2", ... (or another <see cref="Name"/>), on the recorder's clock, so a retry loop
/// shows up on a timeline. Safe to call from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var service = new FlakyService(new TimingRecorder(time), [HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable]);
/// await service.CallAsync();   // throws HttpRequestException (503); the third call returns "response 3"
/// </code>
/// </example>
public sealed class FlakyService
{
    private readonly HttpStatusCode[] _script;
    private int _calls;

    /// <summary>Creates a service that fails with <paramref name="failures"/>, in order, then succeeds.</summary>
    /// <param name="recorder">Where each call is recorded, and whose clock the service waits on.</param>
    /// <param name="failures">The status code of each failing call, in order; each must be 400 or more.</param>
    /// <param name="latency">How long each call takes (on the recorder's clock, not scaled); 0.1 s when null.</param>
    /// <param name="name">The start of each call's name on the timeline: "attempt" gives "attempt 1", "attempt 2", ...</param>
    public FlakyService(TimingRecorder recorder, IEnumerable<HttpStatusCode> failures, TimeSpan? latency = null, string name = "attempt")
    {
        Require.NotBlank(name, "The name");
        Name = name;
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(failures);
        _script = [.. failures];
        int bad = Array.FindIndex(_script, status => (int)status < 400);
        if (bad >= 0)
        {
            throw new ArgumentException(Invariant($"Every failure must be a status code of 400 or more, but the one at index {bad} was {(int)_script[bad]}."), nameof(failures));
        }

        Latency = latency ?? TimeSpan.FromSeconds(0.1);
        Require.NonNegative(Latency, "The latency", nameof(latency));
        Recorder = recorder;
    }

    /// <summary>Where every call is recorded, as "attempt 1", "attempt 2", ...</summary>
    public TimingRecorder Recorder { get; }

    /// <summary>The start of each call's name on the timeline.</summary>
    public string Name { get; }

    /// <summary>How long each call takes.</summary>
    public TimeSpan Latency { get; }

    /// <summary>How many calls have been made.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls the service: after <see cref="Latency"/>, fails as the script says or returns "response N".</summary>
    /// <param name="cancellationToken">Cancels the call (it is then recorded as canceled).</param>
    /// <exception cref="HttpRequestException">This call is one of the scripted failures; its <see cref="HttpRequestException.StatusCode"/> says which.</exception>
    public async Task<string> CallAsync(CancellationToken cancellationToken = default)
    {
        int call = Interlocked.Increment(ref _calls);
        OperationHandle attempt = Recorder.Begin(Invariant($"{Name} {call}"));
        try
        {
            await Task.Delay(Latency, Recorder.TimeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            attempt.Cancel();
            throw;
        }

        if (call <= _script.Length)
        {
            HttpStatusCode status = _script[call - 1];
            var failure = new HttpRequestException(Invariant($"The service answered {(int)status} ({status}) to attempt {call}."), null, status);
            attempt.Fail(failure);
            throw failure;
        }

        attempt.Complete();
        return Invariant($"response {call}");
    }
}
