namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 03, When things fail. Each runs your method on tasks you did not write: other
/// failures, failures that happen in another order than the array's, and runs where nothing fails.
/// </summary>
public static class Chapter03Checks
{
    /// <summary>
    /// Checks <c>CheckSitesAsync(pages)</c> on three sets of pages: one line per page, in array order, "ok: response"
    /// or "failed: message", with failures that happen in another order than the array's, and with none.
    /// </summary>
    /// <param name="checkSitesAsync">Your method.</param>
    public static Task<CheckResult> CheckSitesAsync(Func<Task<string>[], Task<string[]>> checkSitesAsync)
    {
        ArgumentNullException.ThrowIfNull(checkSitesAsync);
        return Exercise.CheckAsync(
            "Every outcome is kept, in order",
            Pages(("home", 0.5, null), ("search", 0.4, "search is down"), ("shop", 0.75, null), ("blog", 1, "blog has moved")),
            Pages(("docs", 1, "docs timed out"), ("login", 0.4, null), ("cart", 0.6, "cart is broken")),
            Pages(("news", 0.6, null), ("about", 0.4, null)));

        Trial Pages(params (string Name, double Seconds, string? Failure)[] pages) => OverTasks(
            pages, checkSitesAsync, outcomes => [.. outcomes.Select(o => o.Message is null ? "ok: response from " + o.Name : "failed: " + o.Message)]);
    }

    /// <summary>
    /// Checks <c>UploadAllAsync(uploads)</c> on three sets of uploads: the messages of every failure, in array order,
    /// where the failures happen in another order; and an empty array when nothing fails.
    /// </summary>
    /// <param name="uploadAllAsync">Your method.</param>
    public static Task<CheckResult> CheckUploadsAsync(Func<Task[], Task<string[]>> uploadAllAsync)
    {
        ArgumentNullException.ThrowIfNull(uploadAllAsync);
        return Exercise.CheckAsync(
            "Every error is reported",
            Uploads(("photo", 0.75, "photo is too large"), ("notes", 0.4, null), ("video", 0.5, "video format not supported")),
            Uploads(("song", 0.9, "song is protected"), ("slides", 0.45, "slides are empty"), ("table", 0.6, null), ("memo", 0.7, "memo is locked")),
            Uploads(("draft", 0.5, null), ("scan", 0.4, null)));

        Trial Uploads(params (string Name, double Seconds, string? Failure)[] uploads) => OverTasks(
            uploads, tasks => uploadAllAsync(tasks), outcomes => [.. outcomes.Where(o => o.Message is not null).Select(o => o.Message!)]);
    }

    /// <summary>
    /// Checks <c>GetQuoteAsync(live, cache)</c> when the live quote fails, when it works, and when it fails later: the
    /// live quote when it works (the cache never asked), otherwise the cached one, asked only after the failure.
    /// </summary>
    /// <param name="getQuoteAsync">Your method.</param>
    public static Task<CheckResult> CheckQuoteFallbackAsync(Func<Func<Task<string>>, Func<Task<string>>, Task<string>> getQuoteAsync)
    {
        ArgumentNullException.ThrowIfNull(getQuoteAsync);
        return Exercise.CheckAsync("The cached quote stands in for the live one", Quote(0.5, fails: true), Quote(0.5, fails: false), Quote(0.9, fails: true));

        Trial Quote(double live, bool fails)
        {
            int tag = CheckData.Tag();
            string liveQuote = "live quote: " + tag, cachedQuote = "cached quote: " + (tag - 7);
            Expectation[] expectations = fails
                ? [Expect.Operations(2), CheckData.StartsAfter("cached quote", "live quote"), Expect.NothingRunning(), Expect.Result(cachedQuote)]
                : [Expect.Operations(1), Expect.NothingRunning(), Expect.Result(liveQuote)];
            return Trial.Of(
                "the live quote " + (fails ? "fails" : "arrives") + " after " + TextFormat.Number(live) + " s",
                io => getQuoteAsync(
                    () => fails
                        ? io.FailAsync<string>("live quote", TimeSpan.FromSeconds(live), "quote service is down")
                        : io.FetchAsync("live quote", TimeSpan.FromSeconds(live), liveQuote),
                    () => io.FetchAsync("cached quote", TimeSpan.FromSeconds(0.4), cachedQuote)),
                expectations);
        }
    }

    /// <summary>
    /// A trial over running tasks, some of which fail: each failure's message carries a number the learner cannot
    /// guess, and <paramref name="expected"/> turns each task's name and message (null when it succeeds) into the result.
    /// </summary>
    private static Trial OverTasks(
        (string Name, double Seconds, string? Failure)[] items,
        Func<Task<string>[], Task<string[]>> attempt,
        Func<(string Name, string? Message)[], string[]> expected)
    {
        int tag = CheckData.Tag();
        (string Name, string? Message)[] outcomes = [.. items.Select(i => (i.Name, i.Failure is null ? null : i.Failure + " (error " + tag + ")"))];
        return Trial.Of(
            string.Join(", ", items.Select(i => i.Name + (i.Failure is null ? " ok" : " fails") + " after " + TextFormat.Number(i.Seconds) + " s")),
            io => attempt([.. items.Select((item, index) => outcomes[index].Message is string message
                ? io.FailAsync<string>(item.Name, TimeSpan.FromSeconds(item.Seconds), message)
                : io.FetchAsync(item.Name, TimeSpan.FromSeconds(item.Seconds)))]),
            Expect.Operations(items.Length), Expect.NothingRunning(), Expect.Result(expected(outcomes)));
    }
}
