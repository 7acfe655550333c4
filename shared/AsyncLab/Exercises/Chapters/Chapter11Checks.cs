using System.Net;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 11, Resilience. The first runs your retry method on the virtual clock against
/// services that fail by scripts you did not write; the second runs your page fetcher against a local site of its own
/// and reads the site's counts.
/// </summary>
public static class Chapter11Checks
{
    private static readonly TimeSpan RealPatience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Checks <c>RetryAsync(call, maxAttempts, firstDelay, time, cancellationToken)</c> four times on the virtual clock:
    /// transient failures (5xx, 429) are retried after <c>firstDelay</c>, then twice that, and so on (plus up to half
    /// of it in jitter); a 404 is not retried; the last failure is thrown after <c>maxAttempts</c> attempts; and a
    /// cancellation during a backoff ends the method at once, with no attempt after it.
    /// </summary>
    /// <param name="retryAsync">Your method.</param>
    public static async Task<CheckResult> CheckRetryAsync(Func<Func<CancellationToken, Task<string>>, int, TimeSpan, TimeProvider, CancellationToken, Task<string>> retryAsync)
    {
        ArgumentNullException.ThrowIfNull(retryAsync);
        var outcomes = new List<ExpectationOutcome>();
        HttpStatusCode[] always = [.. Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 20)];

        RetryRun recovers = await RunRetryAsync(retryAsync, [HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests], 4, 0.7, cancelAt: null).ConfigureAwait(false);
        string what = "503, then 429, then an answer; 4 attempts, first delay 0.7 s";
        outcomes.Add(Line(what + ": returns the answer of attempt 3", recovers.Outcome == "returned response 3", recovers.Outcome));
        outcomes.Add(Gaps(what, recovers, 0.7, 2));

        RetryRun givesUp = await RunRetryAsync(retryAsync, always, 3, 1.3, cancelAt: null).ConfigureAwait(false);
        what = "503 every time; 3 attempts, first delay 1.3 s";
        outcomes.Add(Line(what + ": throws the last 503 after attempt 3", givesUp.Outcome == "threw 503" && givesUp.Attempts == 3, Invariant($"{givesUp.Outcome} after {givesUp.Attempts} attempts")));
        outcomes.Add(Gaps(what, givesUp, 1.3, 2));

        RetryRun notFound = await RunRetryAsync(retryAsync, [HttpStatusCode.NotFound], 4, 0.5, cancelAt: null).ConfigureAwait(false);
        outcomes.Add(Line("404: throws it after one attempt, without retrying", notFound.Outcome == "threw 404" && notFound.Attempts == 1, Invariant($"{notFound.Outcome} after {notFound.Attempts} attempts")));

        RetryRun canceled = await RunRetryAsync(retryAsync, always, 5, 1, cancelAt: 1.05).ConfigureAwait(false);
        outcomes.Add(Line(
            "503 every time, the caller cancels at 1.05 s, during the first backoff: canceled at once, no attempt after",
            canceled.Outcome == "canceled" && canceled.Attempts == 1 && canceled.EndedAt <= TimeSpan.FromSeconds(1.05),
            Invariant($"{canceled.Outcome} at {TextFormat.Seconds(canceled.EndedAt)} after {canceled.Attempts} attempts")));

        return new CheckResult("Retry with exponential backoff", outcomes,
            "Retry only an HttpRequestException whose StatusCode is 429 or 500 and above; before retry k wait firstDelay × 2^(k-1) " +
            "(plus at most half of that in jitter) with Task.Delay(delay, time, cancellationToken); after maxAttempts attempts " +
            "let the last exception out (throw;); pass cancellationToken to both the call and the delay.");
    }

    /// <summary>
    /// Checks <c>GetPageAsync(http, path, cancellationToken)</c> against a local site of its own, whose Retry-After is
    /// 2 s and whose flaky pages fail twice: a page's HTML is returned; a 404 gives null, with one request and no
    /// exception; a 429 is retried once its <c>Retry-After</c> has passed, never before; a 500 is retried, three
    /// attempts in all; a page that keeps failing ends in an <see cref="HttpRequestException"/> after three attempts.
    /// </summary>
    /// <param name="getPageAsync">Your method.</param>
    public static async Task<CheckResult> CheckGetPageAsync(Func<HttpClient, string, CancellationToken, Task<string?>> getPageAsync)
    {
        ArgumentNullException.ThrowIfNull(getPageAsync);
        var outcomes = new List<ExpectationOutcome>();
        await using (var site = await LocalSite.StartAsync(PageSiteOptions()).ConfigureAwait(false))
        {
            using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = RealPatience };
            foreach (PageKind kind in new[] { PageKind.Normal, PageKind.Missing, PageKind.RateLimited, PageKind.Flaky, PageKind.Broken })
            {
                SitePage page = site.PagesOf(kind)[Random.Shared.Next(site.PagesOf(kind).Count)];
                site.Reset();
                string outcome = await GetOutcomeAsync(getPageAsync, http, page.Path).ConfigureAwait(false);
                outcomes.Add(Judge(kind, page, outcome, site.Requests, site.EarlyRequests));
            }
        }

        return new CheckResult("A page fetcher that reads the status code", outcomes,
            "Use GetAsync (not GetStringAsync, not EnsureSuccessStatusCode). 200: return the content; 404: return null; " +
            "429: await Task.Delay(response.Headers.RetryAfter.Delta) and try again; 500: try again after a short pause, " +
            "three attempts in all, then throw an HttpRequestException.");
    }

    /// <summary>The site of <see cref="CheckGetPageAsync"/>: Retry-After 2 s (not the chapter's 1 s), flaky pages fail twice, quick pages.</summary>
    internal static LocalSiteOptions PageSiteOptions() => new()
    {
        Seed = 11,
        PageCount = 60,
        Latency = TimeSpan.FromSeconds(0.02),
        SlowShare = 0,
        FlakyShare = 0.1,
        BrokenShare = 0.1,
        MissingShare = 0.1,
        RateLimitedShare = 0.1,
        RetryAfter = TimeSpan.FromSeconds(2),
        FlakyFailures = 2,
    };

    private static ExpectationOutcome Judge(PageKind kind, SitePage page, string outcome, int requests, int early)
    {
        string measured = Invariant($"{outcome}; the site saw {requests} request(s)");
        string html = Invariant($"<title>Page {page.Index}</title>");
        return kind switch
        {
            PageKind.Normal => Line(Invariant($"{page.Path} (200): returns its HTML, one request"), outcome.Contains(html, StringComparison.Ordinal) && requests == 1, measured),
            PageKind.Missing => Line(Invariant($"{page.Path} (404): returns null, one request, no exception"), outcome == "returned null" && requests == 1, measured),
            PageKind.RateLimited => Line(
                Invariant($"{page.Path} (429, Retry-After: 2): waits the 2 s it is told, then returns its HTML, two requests"),
                outcome.Contains(html, StringComparison.Ordinal) && requests == 2 && early == 0,
                measured + Invariant($", {early} of them before Retry-After allowed")),
            PageKind.Flaky => Line(Invariant($"{page.Path} (500, 500, then 200): returns its HTML after three requests"), outcome.Contains(html, StringComparison.Ordinal) && requests == 3, measured),
            _ => Line(Invariant($"{page.Path} (500 every time): throws an HttpRequestException after three requests"), outcome.StartsWith("threw HttpRequestException", StringComparison.Ordinal) && requests == 3, measured),
        };
    }

    private static async Task<string> GetOutcomeAsync(Func<HttpClient, string, CancellationToken, Task<string?>> getPageAsync, HttpClient http, string path)
    {
        using var patience = new CancellationTokenSource(RealPatience);
        try
        {
            string? page = await (getPageAsync(http, path, patience.Token) ?? Task.FromResult<string?>("a null task"))
                .WaitAsync(RealPatience + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            return page is null ? "returned null" : "returned " + (page.Length > 60 ? page[..60] + "…" : page);
        }
        catch (TimeoutException)
        {
            return Invariant($"still running after {RealPatience.TotalSeconds} s");
        }
        catch (Exception exception)
        {
            return "threw " + exception.GetType().Name + ": " + exception.Message;
        }
    }

    private static async Task<RetryRun> RunRetryAsync(
        Func<Func<CancellationToken, Task<string>>, int, TimeSpan, TimeProvider, CancellationToken, Task<string>> retryAsync,
        HttpStatusCode[] failures,
        int maxAttempts,
        double firstDelay,
        double? cancelAt)
    {
        try
        {
            return await VirtualTimeLoop.RunAsync(async time =>
            {
                var service = new FlakyService(new TimingRecorder(time), failures);
                using var caller = cancelAt is double at ? new CancellationTokenSource(TimeSpan.FromSeconds(at), time) : new CancellationTokenSource();
                string outcome;
                try
                {
                    Task<string> retrying = retryAsync(service.CallAsync, maxAttempts, TimeSpan.FromSeconds(firstDelay), time, caller.Token)
                        ?? throw new InvalidOperationException("The method returned null instead of a task.");
                    outcome = "returned " + await retrying;
                }
                catch (OperationCanceledException) when (caller.IsCancellationRequested)
                {
                    outcome = "canceled";
                }
                catch (HttpRequestException failure) when (failure.StatusCode is not null)
                {
                    outcome = Invariant($"threw {(int)failure.StatusCode}");
                }
                catch (Exception exception)
                {
                    outcome = "threw " + exception.GetType().Name + ": " + exception.Message;
                }

                return new RetryRun(outcome, service.Recorder.Operations, time.Elapsed);
            }).WaitAsync(RealPatience).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is VirtualTimeEscapeException or VirtualTimeDeadlockException or TimeoutException)
        {
            string why = exception is TimeoutException
                ? "did not finish: does it block (.Result, .Wait(), Thread.Sleep)?"
                : "left the virtual clock: wait with Task.Delay(delay, time, cancellationToken)";
            return new RetryRun(why, [], TimeSpan.Zero);
        }
    }

    private static ExpectationOutcome Gaps(string what, RetryRun run, double firstDelay, int gaps)
    {
        var ends = run.Operations.Select(o => o.End ?? o.Start).ToArray();
        var measured = new List<string>();
        bool met = run.Operations.Count > gaps;
        for (int k = 0; k < Math.Min(gaps, run.Operations.Count - 1); k++)
        {
            double gap = (run.Operations[k + 1].Start - ends[k]).TotalSeconds;
            double low = firstDelay * Math.Pow(2, k);
            met &= gap >= low - 1e-6 && gap <= (low * 1.5) + 1e-6;
            measured.Add(TextFormat.Number(Math.Round(gap, 3)) + " s");
        }

        string expected = string.Join(" and ", Enumerable.Range(0, gaps).Select(k =>
            Invariant($"{TextFormat.Number(firstDelay * Math.Pow(2, k))}–{TextFormat.Number(firstDelay * Math.Pow(2, k) * 1.5)} s")));
        return Line(
            what + ": waits " + expected + " before the retries",
            met,
            measured.Count == 0 ? Invariant($"{run.Outcome}; {run.Operations.Count} attempt(s), no gaps") : "waited " + string.Join(", ", measured));
    }

    private static ExpectationOutcome Line(string description, bool met, string measured) => new(description, met, measured);

    private sealed record RetryRun(string Outcome, IReadOnlyList<OperationRecord> Operations, TimeSpan EndedAt)
    {
        public int Attempts => Operations.Count;
    }
}
