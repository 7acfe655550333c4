using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// A real web server on this machine: Kestrel bound to 127.0.0.1 on a free port (never another address),
/// serving a generated, seeded site of linked pages with configurable trouble: slow pages, transient and
/// permanent 500s, 404s, and 429s with <c>Retry-After</c>. It counts what it served (requests, in flight
/// over time, status codes, requests after a moment), so a check can judge a client from the server's side.
/// It stops listening when disposed: start it with <c>await using</c>.
/// </summary>
/// <example>
/// <code>
/// await using (var site = await LocalSite.StartAsync(new LocalSiteOptions { PageCount = 50 }))
/// {
///     using var http = new HttpClient { BaseAddress = site.BaseAddress };
///     var response = await http.GetAsync("/pages/0");   // 200, with links to other pages
///     site.PeakInFlight                                   // 1
/// }
/// </code>
/// </example>
public sealed class LocalSite : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim? _capacity;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, SitePage> _byPath;
    private readonly int[] _failuresLeft;
    private readonly TimeSpan?[] _retryAllowedAt;
    private readonly List<ServedRequest> _log = [];
    private readonly SortedDictionary<int, int> _statusCounts = [];
    private int _generation;
    private int _requests;
    private int _inFlight;
    private int _peakInFlight;
    private int _aborted;
    private int _early;
    private int _disposed;

    private LocalSite(LocalSiteOptions options)
    {
        options.Validate();
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        double scale = options.LatencyScale ?? AsyncLab.LatencyScale.Current;
        Latency = AsyncLab.LatencyScale.Apply(options.Latency, scale);
        SlowLatency = AsyncLab.LatencyScale.Apply(options.SlowLatency, scale);
        RetryAfter = options.RetryAfter;
        FlakyFailures = options.FlakyFailures;
        Capacity = options.Capacity;
        _capacity = options.Capacity is { } capacity ? new SemaphoreSlim(capacity, capacity) : null;
        Pages = SiteGenerator.Generate(options);
        _byPath = Pages.ToDictionary(page => page.Path, StringComparer.Ordinal);
        _failuresLeft = new int[Pages.Count];
        _retryAllowedAt = new TimeSpan?[Pages.Count];
        Recorder = new TimingRecorder(_timeProvider);
        ResetTrouble();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = nameof(LocalSite) });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>The address to send requests to, such as http://127.0.0.1:41234/. Always the loopback address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The port the site listens on, chosen free by the operating system.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Every page of the generated site, numbered from 0; page 0 is the start page.</summary>
    public IReadOnlyList<SitePage> Pages { get; }

    /// <summary>Page 0, from which following links reaches every page.</summary>
    public SitePage StartPage => Pages[0];

    /// <summary>How long an ordinary page takes to answer, after scaling.</summary>
    public TimeSpan Latency { get; }

    /// <summary>How long a <see cref="PageKind.Slow"/> page takes to answer, after scaling.</summary>
    public TimeSpan SlowLatency { get; }

    /// <summary>What a <see cref="PageKind.RateLimited"/> page asks the client to wait, in its <c>Retry-After</c> header.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>How many requests a <see cref="PageKind.Flaky"/> page answers with 500 before it answers 200.</summary>
    public int FlakyFailures { get; }

    /// <summary>How many requests the site serves at once (the others wait), or null when there is no limit.</summary>
    public int? Capacity { get; }

    /// <summary>Every request, as an operation named by its path, from arrival to the end of its response: ready for <see cref="TimelineChart"/> and <see cref="ConcurrencyChart"/>.</summary>
    public TimingRecorder Recorder { get; }

    /// <summary>The time on the site's clock since it started or was last <see cref="Reset"/>; the times in <see cref="Log"/> count from there.</summary>
    public TimeSpan Elapsed => Recorder.Elapsed;

    /// <summary>How many requests arrived since the start or the last <see cref="Reset"/>.</summary>
    public int Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests;
            }
        }
    }

    /// <summary>How many requests the site holds now (being served, or waiting for <see cref="Capacity"/>).</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>The most requests the site held at the same moment since the start or the last <see cref="Reset"/>.</summary>
    public int PeakInFlight
    {
        get
        {
            lock (_gate)
            {
                return _peakInFlight;
            }
        }
    }

    /// <summary>How many requests the client abandoned (cancelled, timed out, or closed) before their response was complete.</summary>
    public int Aborted
    {
        get
        {
            lock (_gate)
            {
                return _aborted;
            }
        }
    }

    /// <summary>How many requests reached a <see cref="PageKind.RateLimited"/> page before the moment its <c>Retry-After</c> named: each one a client that did not wait.</summary>
    public int EarlyRequests
    {
        get
        {
            lock (_gate)
            {
                return _early;
            }
        }
    }

    /// <summary>How many complete responses the site sent with each status code (abandoned requests are not counted here but in <see cref="Aborted"/>).</summary>
    public IReadOnlyDictionary<int, int> StatusCounts
    {
        get
        {
            lock (_gate)
            {
                return new SortedDictionary<int, int>(_statusCounts);
            }
        }
    }

    /// <summary>Every finished request (answered or abandoned), in arrival order.</summary>
    public IReadOnlyList<ServedRequest> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log.OrderBy(request => request.Sequence)];
            }
        }
    }

    /// <summary>Starts a site on 127.0.0.1 and a free port, and returns once it accepts requests.</summary>
    /// <param name="options">The site's size, latency and trouble; defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting for the server to start.</param>
    public static async Task<LocalSite> StartAsync(LocalSiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var site = new LocalSite(options ?? new LocalSiteOptions());
        try
        {
            await site._app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var uri = new Uri(address);
            if (!IPAddress.IsLoopback(IPAddress.Parse(uri.Host)))
            {
                throw new InvalidOperationException($"The site must listen on the loopback address only, but listened on {address}.");
            }

            site.BaseAddress = new Uri(Invariant($"http://127.0.0.1:{uri.Port}/"));
            site.Recorder.Reset();
            return site;
        }
        catch
        {
            await site.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The full address of <paramref name="path"/> on this site.</summary>
    /// <param name="path">A path such as "/pages/3".</param>
    public Uri UrlOf(string path)
    {
        Require.NotBlank(path, "A path");
        return new Uri(BaseAddress, path);
    }

    /// <summary>The pages of one kind, in page order.</summary>
    /// <param name="kind">The kind of page wanted.</param>
    public IReadOnlyList<SitePage> PagesOf(PageKind kind) => [.. Pages.Where(page => page.Kind == kind)];

    /// <summary>How many complete responses had status <paramref name="status"/>.</summary>
    /// <param name="status">A status code, such as <see cref="HttpStatusCode.NotFound"/>.</param>
    public int CountOf(HttpStatusCode status)
    {
        lock (_gate)
        {
            return _statusCounts.GetValueOrDefault((int)status);
        }
    }

    /// <summary>How many requests arrived after <paramref name="moment"/> on the site's clock (see <see cref="Elapsed"/>): after a cancellation, this should be 0.</summary>
    /// <param name="moment">A moment since the site started or was last reset, such as a value of <see cref="Elapsed"/> read earlier.</param>
    public int RequestsStartedAfter(TimeSpan moment) => Recorder.Operations.Count(operation => operation.Start > moment);

    /// <summary>Forgets every count and logged request, restarts the clock, and puts the trouble back: flaky pages fail again and rate-limited pages limit again.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _generation++;
            _log.Clear();
            _statusCounts.Clear();
            _requests = 0;
            _peakInFlight = _inFlight;
            _aborted = 0;
            _early = 0;
            ResetTrouble();
            Recorder.Reset();
        }
    }

    /// <summary>A one-line summary, such as "41 requests, at most 8 in flight; 200 x 36, 404 x 2, 500 x 3; 0 aborted".</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            string statuses = _statusCounts.Count == 0 ? "no responses" : string.Join(", ", _statusCounts.Select(pair => Invariant($"{pair.Key} x {pair.Value}")));
            return Invariant($"{_requests} requests, at most {_peakInFlight} in flight; {statuses}; {_aborted} aborted");
        }
    }

    /// <summary>Stops listening: requests still running are abandoned, and the port is free when this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _capacity?.Dispose();
        _stopping.Dispose();
    }

    private void ResetTrouble()
    {
        for (int i = 0; i < Pages.Count; i++)
        {
            _failuresLeft[i] = Pages[i].Kind == PageKind.Flaky ? FlakyFailures : 0;
            _retryAllowedAt[i] = null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.HasValue ? context.Request.Path.Value! : "/";
        int sequence;
        int generation;
        lock (_gate)
        {
            sequence = _requests++;
            generation = _generation;
            _inFlight++;
            _peakInFlight = Math.Max(_peakInFlight, _inFlight);
        }

        var operation = Recorder.Begin(path);
        TimeSpan start = Recorder.Elapsed;
        int status = StatusCodes.Status200OK;
        bool aborted = false;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            status = await ServeAsync(context, path, linked.Token).ConfigureAwait(false);
            operation.Complete();
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            aborted = true;
            operation.Cancel();
            context.Abort();
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
                if (generation == _generation)
                {
                    _log.Add(new ServedRequest(sequence, path, start, Recorder.Elapsed, status, aborted));
                    if (aborted)
                    {
                        _aborted++;
                    }
                    else
                    {
                        _statusCounts[status] = _statusCounts.GetValueOrDefault(status) + 1;
                    }
                }
            }
        }
    }

    private async Task<int> ServeAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        if (_capacity is null)
        {
            return await AnswerAsync(context, path, cancellationToken).ConfigureAwait(false);
        }

        await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AnswerAsync(context, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _capacity.Release();
        }
    }

    private async Task<int> AnswerAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        _byPath.TryGetValue(path, out SitePage? page);
        int status = Decide(page);
        TimeSpan latency = page?.Kind == PageKind.Slow ? SlowLatency : Latency;
        await Task.Delay(latency, _timeProvider, cancellationToken).ConfigureAwait(false);

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        if (status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        byte[] body = Encoding.UTF8.GetBytes(status == StatusCodes.Status200OK ? Render(page!) : Invariant($"<html><body><h1>{status}</h1><p>{WebUtility.HtmlEncode(path)}</p></body></html>"));
        await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
        return status;
    }

    /// <summary>The status a request for <paramref name="page"/> gets now, updating the page's trouble state.</summary>
    private int Decide(SitePage? page)
    {
        if (page is null)
        {
            return StatusCodes.Status404NotFound;
        }

        lock (_gate)
        {
            switch (page.Kind)
            {
                case PageKind.Missing:
                    return StatusCodes.Status404NotFound;
                case PageKind.Broken:
                    return StatusCodes.Status500InternalServerError;
                case PageKind.Flaky when _failuresLeft[page.Index] > 0:
                    _failuresLeft[page.Index]--;
                    return StatusCodes.Status500InternalServerError;
                case PageKind.RateLimited:
                    return DecideRateLimited(page.Index);
                default:
                    return StatusCodes.Status200OK;
            }
        }
    }

    private int DecideRateLimited(int index)
    {
        TimeSpan now = Recorder.Elapsed;
        if (_retryAllowedAt[index] is not { } allowedAt)
        {
            _retryAllowedAt[index] = now + RetryAfter;
            return StatusCodes.Status429TooManyRequests;
        }

        if (now < allowedAt)
        {
            _early++;
            return StatusCodes.Status429TooManyRequests;
        }

        return StatusCodes.Status200OK;
    }

    private static string Render(SitePage page)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<html><head><title>Page {page.Index}</title></head><body><h1>Page {page.Index}</h1><ul>");
        foreach (string link in page.Links)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{link}\">{link}</a></li>");
        }

        return html.Append("</ul></body></html>").ToString();
    }
}
