using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 12, the crawler. Each starts real local sites (<see cref="LocalSite"/>), calls your
/// method with an <see cref="HttpClient"/> and data you did not write, and judges it by what the servers counted. Your
/// method is called on a thread of its own that every <c>await</c> in it comes back to, as asyncio's loop: code that
/// blocks that thread (<c>.Result</c>, <c>.Wait()</c>, <c>Thread.Sleep</c>) is seen, and never passes.
/// </summary>
public static class Chapter12Checks
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The most your code may spend blocked in waits on its thread in one trial; the site's waits are 50 ms and more, each.</summary>
    private static readonly TimeSpan BlockingLimit = TimeSpan.FromMilliseconds(150);

    private const string NoBlocking = "Never blocks its thread (no .Result, .Wait(), Thread.Sleep)";

    /// <summary>
    /// Checks <c>FetchAllAsync(http, urls, perHost, cancellationToken)</c> twice, with two sites (two hosts) and a limit of 2
    /// then 3: every URL is fetched, neither server ever has more than the limit in flight and each reaches it, and the
    /// two hosts are served at the same time (a single limit for all hosts is not a per-host limit); and it never blocks its thread.
    /// </summary>
    /// <param name="fetchAllAsync">Your method.</param>
    public static async Task<CheckResult> CheckPerHostLimitAsync(Func<HttpClient, IReadOnlyList<Uri>, int, CancellationToken, Task> fetchAllAsync)
    {
        ArgumentNullException.ThrowIfNull(fetchAllAsync);
        const string Title = "Never more than the limit in flight against one host";
        var lines = new List<ExpectationOutcome>();
        foreach (int perHost in new[] { 2, 3 })
        {
            string trial = Invariant($"two hosts, limit {perHost}");
            var options = new LocalSiteOptions { PageCount = 10 + perHost * 3, Latency = TimeSpan.FromSeconds(0.1), SlowShare = 0, FlakyShare = 0, BrokenShare = 0, MissingShare = 0, RateLimitedShare = 0 };
            await using LocalSite first = await LocalSite.StartAsync(options).ConfigureAwait(false);
            await using LocalSite second = await LocalSite.StartAsync(options).ConfigureAwait(false);
            Uri[] urls = [.. first.Pages.Select(page => first.UrlOf(page.Path)).Concat(second.Pages.Select(page => second.UrlOf(page.Path))).OrderBy(_ => Random.Shared.Next())];
            using var counter = new ClientCounter();
            using var http = new HttpClient(counter, disposeHandler: false);
            (string? failure, ExpectationOutcome blocking) = await RunAsync(token => fetchAllAsync(http, urls, perHost, token)).ConfigureAwait(false);
            int[] peaks = [first.PeakInFlight, second.PeakInFlight];
            ExpectationOutcome[] outcomes =
            [
                Finished(failure),
                blocking,
                new("Every URL is fetched", EveryPageRequested(first) && EveryPageRequested(second), Invariant($"{first.Requests + second.Requests} requests for {urls.Length} URLs")),
                new(Invariant($"Never more than {perHost} in flight at either host"), peaks.All(peak => peak <= perHost), Invariant($"peaks at the servers: {peaks[0]} and {peaks[1]}")),
                new(Invariant($"Each host gets {perHost} at once"), peaks.All(peak => peak == perHost), Invariant($"peaks at the servers: {peaks[0]} and {peaks[1]}")),
                new(Invariant($"The hosts are served at the same time: more than {perHost} in flight in all"), counter.Peak > perHost, Invariant($"at most {counter.Peak} in flight in all")),
            ];
            if (Judge(Title, trial, outcomes, lines, Hints.PerHost) is { } notYet)
            {
                return notYet;
            }
        }

        return new CheckResult(Title, lines, hint: null);
    }

    /// <summary>
    /// Checks <c>FetchAllAsync(http, urls, workers, cancellationToken)</c> three times: not canceled (every URL fetched,
    /// <c>workers</c> at once); canceled midway (the server sees no request after the cancel, and nothing is in flight
    /// when the method returns); canceled while slow requests are in flight (they are canceled, not waited for). It never blocks its thread.
    /// </summary>
    /// <param name="fetchAllAsync">Your method.</param>
    public static async Task<CheckResult> CheckStopOnCancelAsync(Func<HttpClient, IReadOnlyList<Uri>, int, CancellationToken, Task> fetchAllAsync)
    {
        ArgumentNullException.ThrowIfNull(fetchAllAsync);
        const string Title = "Stop cleanly on cancel";
        var lines = new List<ExpectationOutcome>();
        var quiet = new LocalSiteOptions { PageCount = 60, Latency = TimeSpan.FromSeconds(0.05), LatencyScale = 1, SlowShare = 0, FlakyShare = 0, BrokenShare = 0, MissingShare = 0, RateLimitedShare = 0 };
        var slow = new LocalSiteOptions { PageCount = 12, SlowLatency = TimeSpan.FromSeconds(1), LatencyScale = 1, SlowShare = 1, FlakyShare = 0, BrokenShare = 0, MissingShare = 0, RateLimitedShare = 0 };
        foreach ((string trial, LocalSiteOptions options, int workers, bool cancel) in new[] { ("not canceled", quiet, 3, false), ("canceled midway", quiet, 4, true), ("canceled during slow requests", slow, 3, true) })
        {
            await using LocalSite site = await LocalSite.StartAsync(options).ConfigureAwait(false);
            bool slowPages = options == slow;
            Uri[] urls = [.. site.Pages.Where(page => !slowPages || page.Kind == PageKind.Slow).Select(page => site.UrlOf(page.Path))];
            using var counter = new ClientCounter();
            using var http = new HttpClient(counter, disposeHandler: false);
            using var cancellation = new CancellationTokenSource();
            int inFlightAtReturn = -1;
            TimeSpan returnedAt = TimeSpan.Zero;
            Task<(string? Failure, ExpectationOutcome Blocking)> running = RunAsync(async token =>
            {
                Task attempt = fetchAllAsync(http, urls, workers, cancellation.Token);
                await attempt.ContinueWith(
                    _ =>
                    {
                        inFlightAtReturn = counter.InFlight;
                        returnedAt = counter.Now;
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default).ConfigureAwait(false);
                await attempt.ConfigureAwait(false);
            });
            TimeSpan serverCanceledAt = TimeSpan.MaxValue, clientCanceledAt = TimeSpan.MaxValue;
            if (cancel)
            {
                int startedBefore = slowPages ? workers : 10;
                while (!running.IsCompleted && (slowPages ? site.InFlight < workers : site.Requests < startedBefore))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
                }

                await cancellation.CancelAsync().ConfigureAwait(false);
                serverCanceledAt = site.Elapsed;   // read after the cancel: a request counted later was sent after it
                clientCanceledAt = counter.Now;
            }

            (string? failure, ExpectationOutcome blocking) = await running.ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(0.3)).ConfigureAwait(false);
            bool canceledOnly = failure is not null && failure.Contains(nameof(OperationCanceledException), StringComparison.Ordinal) || failure?.Contains(nameof(TaskCanceledException), StringComparison.Ordinal) == true;
            var outcomes = new List<ExpectationOutcome>
            {
                cancel ? new("Ends when canceled (returning, or throwing OperationCanceledException)", failure is null || canceledOnly, failure ?? "returned") : Finished(failure),
                blocking,
                new("Nothing is in flight when the method returns", inFlightAtReturn == 0, Invariant($"{inFlightAtReturn} requests in flight when it returned")),
            };
            if (!cancel)
            {
                outcomes.Add(new("Every URL is fetched", EveryPageRequested(site), Invariant($"{site.Requests} requests for {urls.Length} URLs")));
                outcomes.Add(new(Invariant($"{workers} requests in flight at once"), site.PeakInFlight == workers, Invariant($"peak {site.PeakInFlight} at the server")));
            }
            else
            {
                int afterAtServer = site.RequestsStartedAfter(serverCanceledAt + TimeSpan.FromSeconds(0.1));
                int afterAtClient = counter.StartedAfter(clientCanceledAt);
                outcomes.Add(new("The server sees no request after the cancel", afterAtServer == 0 && afterAtClient == 0, Invariant($"{afterAtClient} requests sent after the cancel; {site.Requests} of {urls.Length} URLs requested in all")));
                if (slowPages)
                {
                    TimeSpan took = returnedAt - clientCanceledAt;
                    outcomes.Add(new("Requests in flight are canceled, not waited for (it ends within 0.3 s of the cancel)", took < TimeSpan.FromSeconds(0.3), Invariant($"ended {took.TotalSeconds:0.000} s after the cancel; the server saw {site.Aborted} requests abandoned")));
                }
            }

            if (Judge(Title, trial, outcomes, lines, Hints.Cancel) is { } notYet)
            {
                return notYet;
            }
        }

        return new CheckResult(Title, lines, hint: null);
    }

    /// <summary>
    /// Checks <c>GetWithRetriesAsync(http, url, maxAttempts, cancellationToken)</c> three times: rate-limited pages with
    /// <c>Retry-After: 1</c>, then <c>Retry-After: 2</c> (each retried once, never early, and soon after the moment), and a
    /// missing and a broken page (the 404 is not retried; the 500 is tried <c>maxAttempts</c> times). It waits without blocking its thread.
    /// </summary>
    /// <param name="getWithRetriesAsync">Your method.</param>
    public static async Task<CheckResult> CheckRetryAfterAsync(Func<HttpClient, Uri, int, CancellationToken, Task<HttpResponseMessage>> getWithRetriesAsync)
    {
        ArgumentNullException.ThrowIfNull(getWithRetriesAsync);
        const string Title = "Honour Retry-After";
        var lines = new List<ExpectationOutcome>();
        foreach ((string trial, int retryAfter, int maxAttempts) in new[] { ("Retry-After: 1", 1, 3), ("Retry-After: 2", 2, 4), ("a missing and a broken page", 1, 4) })
        {
            bool limited = trial.StartsWith("Retry-After", StringComparison.Ordinal);
            var options = new LocalSiteOptions { PageCount = 40, Latency = TimeSpan.FromSeconds(0.1), LatencyScale = 1, RetryAfter = TimeSpan.FromSeconds(retryAfter), Seed = 3, SlowShare = 0, FlakyShare = 0, BrokenShare = 0.2, MissingShare = 0.2, RateLimitedShare = 0.3 };
            await using LocalSite site = await LocalSite.StartAsync(options).ConfigureAwait(false);
            SitePage[] pages = limited ? [.. site.PagesOf(PageKind.RateLimited).Take(3)] : [site.PagesOf(PageKind.Missing)[0], site.PagesOf(PageKind.Broken)[0]];
            using var http = new HttpClient();
            var statuses = new int[pages.Length];
            (string? failure, ExpectationOutcome blocking) = await RunAsync(token => Task.WhenAll(pages.Select(async (page, i) =>
            {
                using HttpResponseMessage response = await getWithRetriesAsync(http, site.UrlOf(page.Path), maxAttempts, token).ConfigureAwait(false);
                statuses[i] = (int)response.StatusCode;
            }))).ConfigureAwait(false);
            int[] requests = [.. pages.Select(page => site.Log.Count(served => served.Path == page.Path))];
            var outcomes = new List<ExpectationOutcome> { Finished(failure), blocking };
            if (limited)
            {
                TimeSpan[] waits = [.. pages.Select(page => site.Log.Where(served => served.Path == page.Path).ToList()).Where(log => log.Count >= 2).Select(log => log[1].Start - log[0].End)];
                TimeSpan longest = waits.Length > 0 ? waits.Max() : TimeSpan.Zero;
                outcomes.Add(new("Each rate-limited page ends with 200", statuses.All(status => status == 200), "final statuses " + string.Join(", ", statuses)));
                outcomes.Add(new("No request comes before Retry-After says", site.EarlyRequests == 0, Invariant($"{site.EarlyRequests} requests came too early (Retry-After: {retryAfter})")));
                outcomes.Add(new("Each page is requested twice: the 429, then the retry", requests.All(count => count == 2), "requests per page: " + string.Join(", ", requests)));
                outcomes.Add(new("The retry comes soon after the moment (within 0.75 s)", waits.Length == pages.Length && longest <= TimeSpan.FromSeconds(retryAfter + 0.75), Invariant($"longest wait {longest.TotalSeconds:0.00} s for Retry-After: {retryAfter}")));
            }
            else
            {
                outcomes.Add(new("The 404 is returned, not retried", statuses[0] == 404 && requests[0] == 1, Invariant($"status {statuses[0]} after {requests[0]} requests")));
                outcomes.Add(new(Invariant($"The 500 is tried {maxAttempts} times, then returned"), statuses[1] == 500 && requests[1] == maxAttempts, Invariant($"status {statuses[1]} after {requests[1]} requests")));
            }

            if (Judge(Title, trial, outcomes, lines, Hints.RetryAfter) is { } notYet)
            {
                return notYet;
            }
        }

        return new CheckResult(Title, lines, hint: null);
    }

    private static bool EveryPageRequested(LocalSite site) =>
        site.Pages.All(page => site.Log.Any(served => served.Path == page.Path));

    private static ExpectationOutcome Finished(string? failure) =>
        new("Finishes without an exception", failure is null, failure ?? "finished");

    /// <summary>
    /// Runs the attempt with a timeout on a thread of its own (an <see cref="AttemptLoop"/>) that every await in it resumes
    /// on. Returns null when it finished, otherwise what went wrong, and the outcome of "never blocks its thread": how long
    /// that thread spent blocked in waits. A deadlock on that thread is broken by the loop; the loop is always closed. Never throws.
    /// </summary>
    private static async Task<(string? Failure, ExpectationOutcome Blocking)> RunAsync(Func<CancellationToken, Task> attempt)
    {
        using var timeout = new CancellationTokenSource();
        using var stopWaiting = new CancellationTokenSource();
        var finished = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? failure;
        (TimeSpan blocked, bool deadlocked) report;
        using (AttemptLoop loop = AttemptLoop.Start(
            () => attempt(timeout.Token) ?? throw new InvalidOperationException("Your method returned null instead of a task: return the task, or mark the method async."),
            (task, _) => finished.TrySetResult(task)))
        {
            Task waited = await Task.WhenAny(finished.Task, Task.Delay(AttemptTimeout, stopWaiting.Token)).ConfigureAwait(false);
            await stopWaiting.CancelAsync().ConfigureAwait(false);   // no timer is left behind
            var (_, _, _, blockedInWaits, deadlocked) = loop.Report();
            report = (blockedInWaits, deadlocked);
            if (waited != finished.Task)
            {
                await timeout.CancelAsync().ConfigureAwait(false);
                failure = Invariant($"still running after {AttemptTimeout.TotalSeconds:0} s");
            }
            else
            {
                failure = await FailureOfAsync(await finished.Task.ConfigureAwait(false)).ConfigureAwait(false);
            }
        }

        string measured = Invariant($"its thread was blocked in waits for {report.blocked.TotalMilliseconds:0} ms (at most {BlockingLimit.TotalMilliseconds:0} ms)")
            + (report.deadlocked ? "; it blocked its thread while work it needed waited for it (a deadlock the check broke after " + TextFormat.Seconds(AttemptLoop.RescueAfter) + ")" : string.Empty);
        return (failure, new ExpectationOutcome(NoBlocking, report.blocked <= BlockingLimit && !report.deadlocked, measured));
    }

    private static async Task<string?> FailureOfAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    /// <summary>Adds the trial's outcome to <paramref name="lines"/>; returns the "not yet" verdict when one is unmet.</summary>
    private static CheckResult? Judge(string title, string trial, IReadOnlyList<ExpectationOutcome> outcomes, List<ExpectationOutcome> lines, string hint)
    {
        ExpectationOutcome? unmet = outcomes.FirstOrDefault(outcome => !outcome.Met);
        if (unmet is null)
        {
            lines.Add(new ExpectationOutcome(trial, true, string.Join("; ", outcomes.Select(outcome => outcome.Measured))));
            return null;
        }

        lines.AddRange(outcomes.Select(outcome => outcome with { Description = trial + ": " + outcome.Description }));
        return new CheckResult(title, lines, (unmet.Description == NoBlocking ? Hints.Blocking : hint) + " (measured in \"" + trial + "\": " + unmet.Measured + ")");
    }

    private static class Hints
    {
        public const string PerHost = "Give each host its own SemaphoreSlim(perHost), found by url.Authority in a ConcurrentDictionary, wait on it around each request and release it in finally; start every request at once.";
        public const string Cancel = "Pass the token to GetAsync: it then sends nothing once the token is canceled, and cancels the request in flight. ReadAllAsync looks at its token only when it has to wait for an item. Await every worker before returning.";
        public const string Blocking = "Await every wait: await http.GetAsync(...), await gate.WaitAsync(...), await Task.Delay(...). Reading .Result or calling .Wait(), Task.WaitAll or Thread.Sleep holds the thread your method was called on, and every await of yours needs that thread back.";
        public const string RetryAfter = "On a 429 read response.Headers.RetryAfter.Delta and wait that long before the next attempt; retry a 500 after a short backoff; return a 404 at once.";
    }
}
