using System.Net;
using System.Net.Sockets;
using AsyncLab.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AsyncLab.Tests.Web;

/// <summary>The local web server: where it listens, what it answers, what it counts, and that it stops listening.</summary>
[Collection(RealClock.Name)]
public class LocalSiteTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StartAsync_ListensOnTheIPv4LoopbackAddressOnly()
    {
        await using var site = await LocalSite.StartAsync(Quick());

        Assert.Equal("127.0.0.1", site.BaseAddress.Host);
        Assert.True(await CanConnectAsync(IPAddress.Loopback, site.Port));
        Assert.False(await CanConnectAsync(IPAddress.IPv6Loopback, site.Port));
        foreach (IPAddress address in OtherAddressesOfThisMachine())
        {
            Assert.False(await CanConnectAsync(address, site.Port), $"The site answered on {address}.");
        }
    }

    [Fact]
    public async Task DisposeAsync_FreesThePort()
    {
        var site = await LocalSite.StartAsync(Quick());
        int port = site.Port;

        await site.DisposeAsync();
        await site.DisposeAsync();

        Assert.False(await CanConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task AwaitUsing_WhenTheBlockThrowsHalfway_StillFreesThePort()
    {
        int port = 0;
        Task Cell() => Task.Run(async () =>
        {
            await using var site = await LocalSite.StartAsync(Quick());
            port = site.Port;
            using var http = new HttpClient { BaseAddress = site.BaseAddress };
            await http.GetAsync(new Uri("/pages/0", UriKind.Relative));
            throw new InvalidOperationException("The cell failed halfway.");
        });

        await Assert.ThrowsAsync<InvalidOperationException>(Cell);

        Assert.NotEqual(0, port);
        Assert.False(await CanConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task DisposeAsync_WithASlowRequestInFlight_AbandonsItAndReturnsPromptly()
    {
        var site = await LocalSite.StartAsync(Quick(o => { o.SlowLatency = TimeSpan.FromSeconds(60); }));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        Task<HttpResponseMessage> request = http.GetAsync(new Uri(site.PagesOf(PageKind.Slow)[0].Path, UriKind.Relative));
        await WaitUntilAsync(() => site.InFlight == 1);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await site.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Disposing took {clock.Elapsed}.");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => request);
        Assert.False(await CanConnectAsync(IPAddress.Loopback, site.Port));
    }

    [Fact]
    public async Task Pages_AreAnsweredWithTheirKindsStatus()
    {
        await using var site = await LocalSite.StartAsync(Quick());
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, site.PagesOf(PageKind.Normal)[0].Path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, site.PagesOf(PageKind.Slow)[0].Path));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, site.PagesOf(PageKind.Missing)[0].Path));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, "/nowhere"));
        string broken = site.PagesOf(PageKind.Broken)[0].Path;
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(http, broken));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(http, broken));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(http, broken));
        Assert.Equal("200 x 2, 404 x 2, 500 x 3", string.Join(", ", site.StatusCounts.Select(p => $"{p.Key} x {p.Value}")));
        Assert.Equal(2, site.CountOf(HttpStatusCode.NotFound));
        Assert.Equal(7, site.Requests);
        Assert.Equal(0, site.Aborted);
    }

    [Fact]
    public async Task Page_Normal_LinksToTheGeneratedPages()
    {
        await using var site = await LocalSite.StartAsync(Quick());
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        string html = await http.GetStringAsync(new Uri("/pages/0", UriKind.Relative));

        Assert.All(site.StartPage.Links, link => Assert.Contains($"<a href=\"{link}\">", html, StringComparison.Ordinal));
        Assert.Equal(["/pages/1", "/pages/2"], site.StartPage.Links.Take(2));
    }

    [Fact]
    public async Task FlakyPage_FailsItsFirstRequestsThenAnswers_AndResetBringsTheFailuresBack()
    {
        await using var site = await LocalSite.StartAsync(Quick(o => { o.FlakyFailures = 2; }));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        string flaky = site.PagesOf(PageKind.Flaky)[0].Path;

        HttpStatusCode[] first = [await StatusAsync(http, flaky), await StatusAsync(http, flaky), await StatusAsync(http, flaky)];
        site.Reset();
        HttpStatusCode again = await StatusAsync(http, flaky);

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], first);
        Assert.Equal(HttpStatusCode.InternalServerError, again);
        Assert.Equal(1, site.Requests);
        Assert.Single(site.Log);
    }

    [Fact]
    public async Task RateLimitedPage_AnswersRetryAfter_CountsEarlyRequests_AndAnswersOnceTheMomentHasPassed()
    {
        var time = new FakeTimeProvider();
        await using var site = await LocalSite.StartAsync(Quick(o => { o.TimeProvider = time; o.RetryAfter = TimeSpan.FromSeconds(2); }));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var path = new Uri(site.PagesOf(PageKind.RateLimited)[0].Path, UriKind.Relative);

        using HttpResponseMessage refused = await http.GetAsync(path);
        time.Advance(TimeSpan.FromSeconds(1.9));
        HttpStatusCode early = (await http.GetAsync(path)).StatusCode;
        time.Advance(TimeSpan.FromSeconds(0.1));
        HttpStatusCode onTime = (await http.GetAsync(path)).StatusCode;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, early);
        Assert.Equal(HttpStatusCode.OK, onTime);
        Assert.Equal(1, site.EarlyRequests);
    }

    [Fact]
    public async Task Counts_ConcurrentRequests_PeakInFlightIsHowManyArrivedTogether()
    {
        var time = new FakeTimeProvider();
        await using var site = await LocalSite.StartAsync(Quick(o => { o.Latency = TimeSpan.FromSeconds(1); o.TimeProvider = time; }));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        Task<HttpResponseMessage>[] requests = [.. Enumerable.Range(0, 6).Select(i => http.GetAsync(new Uri(SitePage.PathOf(i * 7), UriKind.Relative)))];
        await WaitUntilAsync(() => site.InFlight == 6);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(requests);

        Assert.Equal(6, site.PeakInFlight);
        Assert.Equal(0, site.InFlight);
        Assert.Equal(6, site.Recorder.Operations.Count);
        Assert.Equal(6, Concurrency.Steps(site.Recorder.Operations, site.Elapsed).Max(step => step.InFlight));
        Assert.All(site.Log, request => Assert.Equal(TimeSpan.FromSeconds(1), request.Duration));
    }

    [Fact]
    public async Task Capacity_RequestsBeyondItWaitTheirTurn()
    {
        var time = new FakeTimeProvider();
        await using var site = await LocalSite.StartAsync(Quick(o => { o.Latency = TimeSpan.FromSeconds(1); o.TimeProvider = time; o.Capacity = 2; }));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        Task<HttpResponseMessage>[] requests = [.. Enumerable.Range(0, 5).Select(i => http.GetAsync(new Uri(SitePage.PathOf(i * 7), UriKind.Relative)))];
        await WaitUntilAsync(() => site.InFlight == 5);
        for (int second = 1; second <= 3; second++)
        {
            await WaitUntilAsync(() => site.Log.Count == 2 * (second - 1));
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(requests);
        Assert.Equal([1.0, 1, 2, 2, 3], site.Log.Select(r => r.End.TotalSeconds).Order());
        Assert.Equal(5, site.PeakInFlight);
    }

    [Fact]
    public async Task ClientCancellation_IsCountedAsAborted_AndNothingArrivesAfterIt()
    {
        await using var site = await LocalSite.StartAsync(Quick(o => { o.SlowLatency = TimeSpan.FromSeconds(60); }));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var cancel = new CancellationTokenSource();
        Task<HttpResponseMessage> request = http.GetAsync(new Uri(site.PagesOf(PageKind.Slow)[0].Path, UriKind.Relative), cancel.Token);
        await WaitUntilAsync(() => site.InFlight == 1);

        await cancel.CancelAsync();
        TimeSpan cancelledAt = site.Elapsed;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await WaitUntilAsync(() => site.InFlight == 0);

        Assert.Equal(1, site.Aborted);
        Assert.True(site.Log.Single().Aborted);
        Assert.Empty(site.StatusCounts);
        Assert.Equal(0, site.RequestsStartedAfter(cancelledAt));
        await http.GetAsync(new Uri("/pages/0", UriKind.Relative));
        Assert.Equal(1, site.RequestsStartedAfter(cancelledAt));
    }

    [Fact]
    public async Task ToString_SummarizesTheCounts()
    {
        await using var site = await LocalSite.StartAsync(Quick());
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        await StatusAsync(http, "/pages/0");
        await StatusAsync(http, "/nowhere");

        Assert.Equal("2 requests, at most 1 in flight; 200 x 1, 404 x 1; 0 aborted", site.ToString());
    }

    /// <summary>A small site at latency zero and scale 1, whatever the environment says, with a page of every kind.</summary>
    private static LocalSiteOptions Quick(Action<LocalSiteOptions>? tweak = null)
    {
        var options = new LocalSiteOptions { PageCount = 100, Latency = TimeSpan.Zero, SlowLatency = TimeSpan.FromSeconds(0.2), LatencyScale = 1 };
        tweak?.Invoke(options);
        return options;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<bool> CanConnectAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(address.AddressFamily);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static IEnumerable<IPAddress> OtherAddressesOfThisMachine() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "The condition did not hold in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}
