using System.Runtime.CompilerServices;
using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises;

/// <summary>
/// The chapter 08 stream exercise's check against the wrong solutions a learner plausibly writes (each must
/// be "not yet", for the right reason) and against correct ones, including an unusual one. The trial runs on
/// the real clock (blocking is measured in real time), in a collection of its own, at latency scale 0.5, about 2.3 s per check.
/// </summary>
[Collection(RealClock.Name)]
public class StreamTrialTests
{
    private static readonly SimulatedIOOptions HalfScale = new() { LatencyScale = 0.5 };

    [Fact]
    public async Task Check_StraightforwardStream_Passes()
    {
        CheckResult result = await CheckAsync(SequentialAsync);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_PrefetchesOnePageAheadAndCleansUp_Passes()
    {
        CheckResult result = await CheckAsync(PrefetchOneAheadAsync);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_CollectsEveryPageThenYields_IsNotYetBecausePagesArriveLate()
    {
        CheckResult result = await CheckAsync(CollectThenYieldAsync);

        AssertNotYet(result, "Each page reaches the reader as soon as it has been fetched");
        Assert.True(Outcome(result, "Yields every page exactly once").Met);
    }

    [Fact]
    public async Task Check_TokenWithoutEnumeratorCancellation_IsNotYetBecauseWithCancellationIsIgnored()
    {
        CheckResult result = await CheckAsync(WithoutAttributeAsync);

        AssertNotYet(result, "Canceled through WithCancellation");
        Assert.Contains("returned normally", Outcome(result, "Canceled through WithCancellation").Measured);
    }

    [Fact]
    public async Task Check_ChecksTheTokenOnlyBetweenPages_IsNotYetBecauseThePageInFlightCompletes()
    {
        CheckResult result = await CheckAsync(ChecksBetweenPagesAsync);

        AssertNotYet(result, "Canceled through WithCancellation");
        Assert.Contains("page 2 completed", Outcome(result, "Canceled through WithCancellation").Measured);
    }

    [Fact]
    public async Task Check_SwallowsTheCancellation_IsNotYet()
    {
        CheckResult result = await CheckAsync(SwallowsCancellationAsync);

        AssertNotYet(result, "Canceled through WithCancellation");
    }

    [Fact]
    public async Task Check_StartsEveryFetchAtOnce_IsNotYetBecauseUnreadPagesAreFetched()
    {
        CheckResult result = await CheckAsync(AllAtOnceAsync);

        AssertNotYet(result, "A reader that leaves after 2 pages");
    }

    [Fact]
    public async Task Check_BlocksOnResult_IsNotYetBecauseItBlocks()
    {
        CheckResult result = await CheckAsync(BlocksAsync);

        AssertNotYet(result, "Never blocks a thread");
        Assert.True(Outcome(result, "Each page reaches the reader").Met);
    }

    [Fact]
    public async Task Check_HardCodesThreePages_IsNotYet()
    {
        CheckResult result = await CheckAsync(ThreePagesAsync);

        AssertNotYet(result, "Yields every page exactly once");
    }

    [Fact]
    public async Task Check_NotImplemented_IsNotYetWithoutThrowing()
    {
        CheckResult result = await CheckAsync((io, latencies, cancellationToken) => throw new NotImplementedException());

        AssertNotYet(result, "Runs to the end without an unexpected exception");
        Assert.All(result.Expectations.Skip(1), outcome => Assert.False(outcome.Met));
    }

    private static Task<CheckResult> CheckAsync(Func<SimulatedIO, IReadOnlyList<TimeSpan>, CancellationToken, IAsyncEnumerable<string>> stream) =>
        Exercise.CheckAsync(
            "Pages as a stream",
            StreamTrial.Of(stream),
            new SimulatedIO(new TimingRecorder(), HalfScale),
            TimeSpan.FromSeconds(30),
            StreamTrial.EveryPageOnceInOrder(), StreamTrial.EachPageWhenItArrives(), StreamTrial.FetchesOnlyWhatIsRead(), StreamTrial.StopsWhenCanceled(), StreamTrial.NeverBlocks());

    private static ExpectationOutcome Outcome(CheckResult result, string description) =>
        result.Expectations.Single(e => e.Description.StartsWith(description, StringComparison.Ordinal));

    private static void AssertNotYet(CheckResult result, string unmet)
    {
        Assert.False(result.Passed, result.ToString());
        Assert.False(Outcome(result, unmet).Met, result.ToString());
    }

    private static async IAsyncEnumerable<string> SequentialAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 1; i <= latencies.Count; i++)
        {
            yield return await io.FetchAsync($"page {i}", latencies[i - 1], cancellationToken);
        }
    }

    private static async IAsyncEnumerable<string> PrefetchOneAheadAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<string>? next = latencies.Count > 0 ? io.FetchAsync("page 1", latencies[0], stop.Token) : null;
        try
        {
            for (int i = 1; next is not null; i++)
            {
                string page = await next;
                next = i < latencies.Count ? io.FetchAsync($"page {i + 1}", latencies[i], stop.Token) : null;
                yield return page;
            }
        }
        finally
        {
            if (next is not null)
            {
                await stop.CancelAsync();
                await Task.WhenAny(next);
            }
        }
    }

    private static async IAsyncEnumerable<string> CollectThenYieldAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = new List<string>();
        for (int i = 1; i <= latencies.Count; i++)
        {
            pages.Add(await io.FetchAsync($"page {i}", latencies[i - 1], cancellationToken));
        }

        foreach (string page in pages)
        {
            yield return page;
        }
    }

#pragma warning disable CS8425 // The point of this wrong solution: the token parameter lacks [EnumeratorCancellation].
    private static async IAsyncEnumerable<string> WithoutAttributeAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, CancellationToken cancellationToken = default)
#pragma warning restore CS8425
    {
        for (int i = 1; i <= latencies.Count; i++)
        {
            yield return await io.FetchAsync($"page {i}", latencies[i - 1], cancellationToken);
        }
    }

    private static async IAsyncEnumerable<string> ChecksBetweenPagesAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 1; i <= latencies.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string page = await io.FetchAsync($"page {i}", latencies[i - 1], CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            yield return page;
        }
    }

    private static async IAsyncEnumerable<string> SwallowsCancellationAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 1; i <= latencies.Count; i++)
        {
            string page;
            try
            {
                page = await io.FetchAsync($"page {i}", latencies[i - 1], cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            yield return page;
        }
    }

    private static async IAsyncEnumerable<string> AllAtOnceAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Task<string>[] pages = [.. latencies.Select((latency, index) => io.FetchAsync($"page {index + 1}", latency, cancellationToken))];
        foreach (Task<string> page in pages)
        {
            yield return await page;
        }
    }

    private static async IAsyncEnumerable<string> BlocksAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        for (int i = 1; i <= latencies.Count; i++)
        {
            yield return io.FetchAsync($"page {i}", latencies[i - 1], cancellationToken).Result;
        }
    }

    private static async IAsyncEnumerable<string> ThreePagesAsync(SimulatedIO io, IReadOnlyList<TimeSpan> latencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 1; i <= 3; i++)
        {
            yield return await io.FetchAsync($"page {i}", latencies[i - 1], cancellationToken);
        }
    }
}
