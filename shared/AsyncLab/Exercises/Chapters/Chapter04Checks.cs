namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 04, Timeouts. Each runs your method with timeouts and latencies you did not
/// write: a quote or pages that arrive in time, and ones that do not.
/// </summary>
public static class Chapter04Checks
{
    /// <summary>
    /// Checks <c>FetchQuoteAsync(quote, timeout)</c> three times with other timeouts: when the quote is too slow it is
    /// canceled at the timeout (not before) and "no quote" is returned; when it is fast enough, its value is.
    /// </summary>
    /// <param name="fetchQuoteAsync">Your method.</param>
    public static Task<CheckResult> CheckQuoteAsync(Func<Func<CancellationToken, Task<string>>, TimeSpan, Task<string>> fetchQuoteAsync)
    {
        ArgumentNullException.ThrowIfNull(fetchQuoteAsync);
        return Exercise.CheckAsync("The quote is given up and stopped at the timeout", Quote(2, 0.5), Quote(0.3, 1.5), Quote(2.2, 0.9));

        Trial Quote(double latency, double timeout)
        {
            string value = "quote: " + CheckData.Tag();
            TimeSpan limit = CheckData.Scaled(timeout);
            Expectation[] expectations = latency < timeout
                ? [Expect.Operations(1), CheckData.CompletedOnly("quote"), Expect.NothingRunning(), Expect.Result(value)]
                : [Expect.Operations(1), Expect.Canceled("quote"), Expect.NothingRunning(), Expect.Result("no quote"),
                    CheckData.NotBefore(limit, "the quote")];
            return Trial.Of(
                "a quote of " + TextFormat.Number(latency) + " s, a timeout of " + TextFormat.Seconds(limit),
                io => fetchQuoteAsync(token => io.FetchAsync("quote", TimeSpan.FromSeconds(latency), value, token), limit),
                expectations);
        }
    }

    /// <summary>
    /// Checks <c>FetchPagesAsync(pages, budget)</c> with three budgets: the pages that arrived within the budget, in
    /// order; the page in progress at the deadline canceled; no page started after it; all pages when the budget allows.
    /// </summary>
    /// <param name="fetchPagesAsync">Your method.</param>
    public static Task<CheckResult> CheckPagesAsync(Func<Func<CancellationToken, Task<string>>[], TimeSpan, Task<List<string>>> fetchPagesAsync)
    {
        ArgumentNullException.ThrowIfNull(fetchPagesAsync);
        return Exercise.CheckAsync(
            "The pages stop at one overall deadline",
            Pages(2.5, 1, 1, 1, 1),
            Pages(5, 0.4, 0.4, 0.4, 0.4),
            Pages(1.6, 0.5, 0.6, 1, 0.5, 0.5));

        Trial Pages(double budget, params double[] seconds)
        {
            int tag = CheckData.Tag();
            string Value(int page) => "page " + page + " of search " + tag;
            int arrived = 0;
            for (double end = 0; arrived < seconds.Length && end + seconds[arrived] <= budget; arrived++)
            {
                end += seconds[arrived];
            }

            TimeSpan limit = CheckData.Scaled(budget);
            string[] expected = [.. Enumerable.Range(1, arrived).Select(Value)];
            Expectation[] expectations = arrived == seconds.Length
                ? [Expect.Operations(arrived), Expect.NothingRunning(), Expect.Result(expected)]
                : [Expect.Operations(arrived + 1), Expect.Canceled("page " + (arrived + 1)), Expect.NothingRunning(), Expect.Result(expected),
                    CheckData.NotBefore(limit, "the pages")];
            return Trial.Of(
                "pages of " + CheckData.Seconds(seconds) + ", a budget of " + TextFormat.Seconds(limit),
                io => fetchPagesAsync([.. seconds.Select((s, i) => (Func<CancellationToken, Task<string>>)(token =>
                    io.FetchAsync("page " + (i + 1), TimeSpan.FromSeconds(s), Value(i + 1), token)))], limit),
                expectations);
        }
    }
}
