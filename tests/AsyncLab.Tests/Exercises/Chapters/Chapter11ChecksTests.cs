using System.Net;
using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises.Chapters;

[Collection(ProcessWideState.Name)]
public sealed class Chapter11ChecksTests : ChapterCheckTest
{
    private static bool IsTransient(HttpRequestException e) => e.StatusCode is HttpStatusCode.TooManyRequests || (int?)e.StatusCode >= 500;

    private static async Task<string> Solution(Func<CancellationToken, Task<string>> call, int maxAttempts, TimeSpan firstDelay, TimeProvider time, CancellationToken token)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException e) when (IsTransient(e) && attempt < maxAttempts)
            {
                TimeSpan delay = firstDelay * Math.Pow(2, attempt - 1);
                await Task.Delay(delay + (delay * Random.Shared.NextDouble() / 2), time, token);
            }
        }
    }

    [Fact]
    public Task CheckRetryAsync_Solution_Passes() => PassesAsync(Chapter11Checks.CheckRetryAsync(Solution));

    [Fact]
    public Task CheckRetryAsync_RecursiveWithoutJitter_Passes() => PassesAsync(Chapter11Checks.CheckRetryAsync(Recursive));

    private static async Task<string> Recursive(Func<CancellationToken, Task<string>> call, int maxAttempts, TimeSpan firstDelay, TimeProvider time, CancellationToken token)
    {
        try
        {
            return await call(token);
        }
        catch (HttpRequestException e) when (IsTransient(e) && maxAttempts > 1)
        {
            await Task.Delay(firstDelay, time, token);
            return await Recursive(call, maxAttempts - 1, firstDelay * 2, time, token);
        }
    }

    [Fact]
    public Task CheckRetryAsync_StarterRetriesAtOnce_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException) when (attempt < max)
            {
            }
        }
    }), "waited 0 s");

    [Fact]
    public Task CheckRetryAsync_ConstantDelay_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException e) when (IsTransient(e) && attempt < max)
            {
                await Task.Delay(first, time, token);
            }
        }
    }), "waited 0.7 s, 0.7 s");

    [Fact]
    public Task CheckRetryAsync_RetriesA404_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException) when (attempt < max)
            {
                await Task.Delay(first * Math.Pow(2, attempt - 1), time, token);
            }
        }
    }), "404: throws it after one attempt");

    [Fact]
    public Task CheckRetryAsync_SwallowsTheLastFailure_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int attempt = 1; attempt <= max; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException e) when (IsTransient(e))
            {
                if (attempt < max)
                {
                    await Task.Delay(first * Math.Pow(2, attempt - 1), time, token);
                }
            }
        }

        return "no answer";
    }), "throws the last 503");

    [Fact]
    public Task CheckRetryAsync_OneAttemptTooMany_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int retry = 0; ; retry++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException e) when (IsTransient(e) && retry < max)
            {
                await Task.Delay(first * Math.Pow(2, retry), time, token);
            }
        }
    }), "after attempt 3");

    [Fact]
    public Task CheckRetryAsync_DelayIgnoresTheToken_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException e) when (IsTransient(e) && attempt < max)
            {
                await Task.Delay(first * Math.Pow(2, attempt - 1), time, CancellationToken.None);
            }
        }
    }), "canceled at once");

    [Fact]
    public Task CheckRetryAsync_DelayOnTheRealClockWithoutTheTimeProvider_NotYet() => NotYetAsync(Chapter11Checks.CheckRetryAsync(async (call, max, first, time, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token);
            }
            catch (HttpRequestException e) when (IsTransient(e) && attempt < max)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), token);
            }
        }
    }), "waited 0 s");

    private static async Task<string?> GetPage(HttpClient http, string path, CancellationToken token)
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative), token);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await response.Content.ReadAsStringAsync(token);
                case HttpStatusCode.NotFound:
                    return null;
                case HttpStatusCode.TooManyRequests:
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), token);
                    break;
                default:
                    if (attempt == 3)
                    {
                        throw new HttpRequestException($"{path} failed three times", null, response.StatusCode);
                    }

                    await Task.Delay(TimeSpan.FromSeconds(0.1 * attempt), token);
                    break;
            }
        }
    }

    [Fact]
    public Task CheckGetPageAsync_Solution_Passes() => PassesAsync(Chapter11Checks.CheckGetPageAsync(GetPage));

    [Fact]
    public Task CheckGetPageAsync_GetStringAsync_NotYet() => NotYetAsync(Chapter11Checks.CheckGetPageAsync(async (http, path, token) =>
        await http.GetStringAsync(new Uri(path, UriKind.Relative), token)), "returns null, one request, no exception");

    [Fact]
    public Task CheckGetPageAsync_RetryAfterHardCodedToOneSecond_NotYet() => NotYetAsync(Chapter11Checks.CheckGetPageAsync((http, path, token) =>
        WithRetryAfter(http, path, _ => TimeSpan.FromSeconds(1), token)), "1 of them before Retry-After");

    [Fact]
    public Task CheckGetPageAsync_RetriesA429AtOnce_NotYet() => NotYetAsync(Chapter11Checks.CheckGetPageAsync((http, path, token) =>
        WithRetryAfter(http, path, _ => TimeSpan.Zero, token)), "before Retry-After");

    [Fact]
    public Task CheckGetPageAsync_Retries404_NotYet() => NotYetAsync(Chapter11Checks.CheckGetPageAsync(async (http, path, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative), token);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(token);
            }

            if (attempt == 3)
            {
                return response.StatusCode == HttpStatusCode.NotFound ? null : throw new HttpRequestException("failed", null, response.StatusCode);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.1), token);
        }
    }), "returns null, one request");

    [Fact]
    public Task CheckGetPageAsync_NeverGivesUpOn500_NotYet() => NotYetAsync(Chapter11Checks.CheckGetPageAsync(async (http, path, token) =>
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative), token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.IsSuccessStatusCode || attempt == 6)
            {
                return await response.Content.ReadAsStringAsync(token);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(0.05), token);
        }
    }), "throws an HttpRequestException after three requests");

    private static async Task<string?> WithRetryAfter(HttpClient http, string path, Func<TimeSpan?, TimeSpan> wait, CancellationToken token)
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative), token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(token);
            }

            if (attempt == 3)
            {
                throw new HttpRequestException("failed", null, response.StatusCode);
            }

            await Task.Delay(response.StatusCode == HttpStatusCode.TooManyRequests ? wait(response.Headers.RetryAfter?.Delta) : TimeSpan.FromSeconds(0.05), token);
        }
    }

    [Fact]
    public void PageSiteOptions_GiveAPageOfEveryKindTheCheckUses()
    {
        var pages = SiteGenerator.Generate(Chapter11Checks.PageSiteOptions());
        Assert.All(new[] { PageKind.Normal, PageKind.Missing, PageKind.RateLimited, PageKind.Flaky, PageKind.Broken }, kind => Assert.Contains(pages, p => p.Kind == kind));
    }
}
