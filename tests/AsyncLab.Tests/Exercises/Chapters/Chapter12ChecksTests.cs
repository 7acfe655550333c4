using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter12ChecksTests : ChapterCheckTest
{
    private const string Blocked = "Never blocks its thread";

    [Fact]
    public Task CheckPerHostLimitAsync_SemaphorePerHost_Passes() => PassesAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        var gates = new ConcurrentDictionary<string, SemaphoreSlim>();
        await Task.WhenAll(urls.Select(async url =>
        {
            SemaphoreSlim gate = gates.GetOrAdd(url.Authority, _ => new SemaphoreSlim(perHost));
            await gate.WaitAsync(cancellationToken);
            try
            {
                using HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }));

    [Fact]
    public Task CheckPerHostLimitAsync_WorkersPerHost_Passes() => PassesAsync(Chapter12Checks.CheckPerHostLimitAsync((http, urls, perHost, cancellationToken) =>
        Task.WhenAll(urls.GroupBy(url => url.Authority).SelectMany(host =>
        {
            var queue = new ConcurrentQueue<Uri>(host);
            return Enumerable.Range(0, perHost).Select(async _ =>
            {
                while (queue.TryDequeue(out Uri? url))
                {
                    using HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
                }
            });
        }))));

    [Fact]
    public Task CheckPerHostLimitAsync_NoLimit_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync((http, urls, perHost, cancellationToken) =>
        Task.WhenAll(urls.Select(url => http.GetAsync(url, cancellationToken)))), "Never more than 2 in flight at either host");

    [Fact]
    public Task CheckPerHostLimitAsync_OneLimitForAllHosts_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        using var gate = new SemaphoreSlim(perHost);
        await Task.WhenAll(urls.Select(url => FetchThroughAsync(http, url, gate, cancellationToken)));
    }), "more than 2 in flight in all");

    [Fact]
    public Task CheckPerHostLimitAsync_GatesKeyedByHostName_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        var gates = new ConcurrentDictionary<string, SemaphoreSlim>();   // url.Host is 127.0.0.1 for both: the port tells the hosts apart
        await Task.WhenAll(urls.Select(url => FetchThroughAsync(http, url, gates.GetOrAdd(url.Host, _ => new SemaphoreSlim(perHost)), cancellationToken)));
    }), "more than 2 in flight in all");

    [Fact]
    public Task CheckPerHostLimitAsync_HardCodedLimitOfTwo_NotYetWithALimitOfThree() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        var gates = new ConcurrentDictionary<string, SemaphoreSlim>();
        await Task.WhenAll(urls.Select(url => FetchThroughAsync(http, url, gates.GetOrAdd(url.Authority, _ => new SemaphoreSlim(2)), cancellationToken)));
    }), "limit 3: Each host gets 3 at once");

    [Fact]
    public Task CheckPerHostLimitAsync_OneAfterAnother_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        foreach (Uri url in urls)
        {
            using HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
        }
    }), "Each host gets 2 at once");

    [Fact]
    public Task CheckPerHostLimitAsync_ResultOnGetAsync_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        var gates = new ConcurrentDictionary<string, SemaphoreSlim>();
        await Task.WhenAll(urls.Select(async url =>
        {
            SemaphoreSlim gate = gates.GetOrAdd(url.Authority, _ => new SemaphoreSlim(perHost));
            await gate.WaitAsync(cancellationToken);
            try
            {
                using HttpResponseMessage response = http.GetAsync(url, cancellationToken).Result;
            }
            finally
            {
                gate.Release();
            }
        }));
    }), Blocked);

    [Fact]
    public Task CheckPerHostLimitAsync_GateWait_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync(async (http, urls, perHost, cancellationToken) =>
    {
        var gates = new ConcurrentDictionary<string, SemaphoreSlim>();
        await Task.WhenAll(urls.Select(async url =>
        {
            SemaphoreSlim gate = gates.GetOrAdd(url.Authority, _ => new SemaphoreSlim(perHost));
            gate.Wait(cancellationToken);
            try
            {
                using HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }), Blocked);

    [Fact]
    public Task CheckPerHostLimitAsync_ReturnsNull_NotYet() => NotYetAsync(Chapter12Checks.CheckPerHostLimitAsync((http, urls, perHost, cancellationToken) => null!), "returned null instead of a task");

    [Fact]
    public Task CheckStopOnCancelAsync_TokenForTheReadAndTheRequest_Passes() => PassesAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(urls, workers, url => http.GetAsync(url, cancellationToken), cancellationToken)));

    [Fact]
    public Task CheckStopOnCancelAsync_ParallelForEachAsync_Passes() => PassesAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, async (url, token) =>
        {
            using HttpResponseMessage response = await http.GetAsync(url, token);
        })));

    [Fact]
    public Task CheckStopOnCancelAsync_TokenIgnored_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(urls, workers, url => http.GetAsync(url, CancellationToken.None), CancellationToken.None)), "The server sees no request after the cancel");

    [Fact]
    public Task CheckStopOnCancelAsync_TokenOnTheReadOnly_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(urls, workers, url => http.GetAsync(url, CancellationToken.None), cancellationToken)), "The server sees no request after the cancel");

    [Fact]
    public Task CheckStopOnCancelAsync_TokenCheckedBetweenRequestsOnly_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(
            urls,
            workers,
            url =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return http.GetAsync(url, CancellationToken.None);
            },
            cancellationToken)), "canceled, not waited for");

    [Fact]
    public Task CheckStopOnCancelAsync_ReturnsWithoutWaitingForTheWorkers_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync(async (http, urls, workers, cancellationToken) =>
    {
        Task all = WorkersAsync(urls, workers, url => http.GetAsync(url, CancellationToken.None), cancellationToken);
        await Task.WhenAny(all, Task.Delay(Timeout.Infinite, cancellationToken));
        _ = all.ContinueWith(task => task.Exception, TaskScheduler.Default);
    }), "Nothing is in flight when the method returns");

    [Fact]
    public Task CheckStopOnCancelAsync_OneWorker_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(urls, 1, url => http.GetAsync(url, cancellationToken), cancellationToken)), "3 requests in flight at once");

    [Fact]
    public Task CheckStopOnCancelAsync_DoesNothing_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        Task.CompletedTask), "Every URL is fetched");

    [Fact]
    public Task CheckStopOnCancelAsync_ResultOnGetAsync_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(urls, workers, url => Task.FromResult(http.GetAsync(url, cancellationToken).Result), cancellationToken)), "not canceled: " + Blocked);

    [Fact]
    public Task CheckStopOnCancelAsync_GetAwaiterGetResult_NotYet() => NotYetAsync(Chapter12Checks.CheckStopOnCancelAsync((http, urls, workers, cancellationToken) =>
        WorkersAsync(urls, workers, url => Task.FromResult(http.GetAsync(url, cancellationToken).GetAwaiter().GetResult()), cancellationToken)), Blocked);

    [Fact]
    public Task CheckRetryAfterAsync_WaitsForRetryAfter_Passes() => PassesAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status == 429 || status >= 500, response => response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.05), cancellationToken)));

    [Fact]
    public Task CheckRetryAfterAsync_Recursive_Passes() => PassesAsync(Chapter12Checks.CheckRetryAfterAsync(RecursiveAsync));

    [Fact]
    public Task CheckRetryAfterAsync_RetriesAtOnce_NotYet() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status >= 400, _ => TimeSpan.Zero, cancellationToken)), "No request comes before Retry-After says");

    [Fact]
    public Task CheckRetryAfterAsync_AlwaysWaitsOneSecond_NotYetWhenRetryAfterIsTwo() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status == 429 || status >= 500, _ => TimeSpan.FromSeconds(1), cancellationToken)), "Retry-After: 2: No request comes before");

    [Fact]
    public Task CheckRetryAfterAsync_WaitsASecondLonger_NotYet() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status == 429 || status >= 500, response => (response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero) + TimeSpan.FromSeconds(1), cancellationToken)), "The retry comes soon after the moment");

    [Fact]
    public Task CheckRetryAfterAsync_RetriesA404_NotYet() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status >= 400, response => response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.05), cancellationToken)), "The 404 is returned, not retried");

    [Fact]
    public Task CheckRetryAfterAsync_RetriesOnly429_NotYet() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status == 429, response => response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.05), cancellationToken)), "The 500 is tried 4 times");

    [Fact]
    public Task CheckRetryAfterAsync_ThreadSleepForRetryAfter_NotYet() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync(async (http, url, maxAttempts, cancellationToken) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError) || attempt == maxAttempts)
            {
                return response;
            }

            TimeSpan delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.05);
            response.Dispose();
            Thread.Sleep(delay);
        }
    }), "Retry-After: 1: " + Blocked);

    [Fact]
    public Task CheckRetryAfterAsync_ResultOnGetAsync_NotYet() => NotYetAsync(Chapter12Checks.CheckRetryAfterAsync((http, url, maxAttempts, cancellationToken) =>
        GetWithRetriesAsync(http, url, maxAttempts, transient: status => status == 429 || status >= 500, response => response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.05), cancellationToken, blocking: true)), Blocked);

    private static async Task FetchThroughAsync(HttpClient http, Uri url, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            using HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Workers sharing a channel of the URLs; <paramref name="readToken"/> is the token the reads observe.</summary>
    private static Task WorkersAsync(IReadOnlyList<Uri> urls, int workers, Func<Uri, Task<HttpResponseMessage>> getAsync, CancellationToken readToken)
    {
        var queue = Channel.CreateUnbounded<Uri>();
        foreach (Uri url in urls)
        {
            queue.Writer.TryWrite(url);
        }

        queue.Writer.Complete();
        return Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            await foreach (Uri url in queue.Reader.ReadAllAsync(readToken))
            {
                using HttpResponseMessage response = await getAsync(url);
            }
        }));
    }

    /// <summary>Retries the transient statuses, waiting as <paramref name="wait"/> says; <paramref name="blocking"/> reads each response with .Result.</summary>
    private static async Task<HttpResponseMessage> GetWithRetriesAsync(HttpClient http, Uri url, int maxAttempts, Func<int, bool> transient, Func<HttpResponseMessage, TimeSpan> wait, CancellationToken cancellationToken, bool blocking = false)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpResponseMessage response = blocking ? http.GetAsync(url, cancellationToken).Result : await http.GetAsync(url, cancellationToken);
            if (!transient((int)response.StatusCode) || attempt == maxAttempts)
            {
                return response;
            }

            TimeSpan delay = wait(response);
            response.Dispose();
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static async Task<HttpResponseMessage> RecursiveAsync(HttpClient http, Uri url, int attemptsLeft, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await http.GetAsync(url, cancellationToken);
        if (attemptsLeft == 1 || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError))
        {
            return response;
        }

        DateTimeOffset? until = response.Headers.RetryAfter?.Date ?? DateTimeOffset.UtcNow + response.Headers.RetryAfter?.Delta;
        response.Dispose();
        await Task.Delay(until is { } moment ? moment - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(0.1), cancellationToken);
        return await RecursiveAsync(http, url, attemptsLeft - 1, cancellationToken);
    }
}
