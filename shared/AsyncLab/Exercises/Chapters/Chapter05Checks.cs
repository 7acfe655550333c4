namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 05, Cancellation. Each runs your method along every path: it finishes, it fails,
/// and it is canceled at each stage.
/// </summary>
public static class Chapter05Checks
{
    /// <summary>
    /// Checks <c>CopyAsync(connections, readRows, writeRows, cancellationToken)</c> four times: canceled during the
    /// write, run to its end, canceled during the read, and with a write that fails. Each time every connection it
    /// opened is closed when it returns, and a cancellation or failure reaches the caller.
    /// </summary>
    /// <param name="copyAsync">Your method.</param>
    public static Task<CheckResult> CheckCopyAsync(Func<SimulatedConnections, Func<CancellationToken, Task>, Func<CancellationToken, Task>, CancellationToken, Task> copyAsync)
    {
        ArgumentNullException.ThrowIfNull(copyAsync);
        return Exercise.CheckAsync(
            "The copy closes its connections, whatever happens",
            Copy("canceled during the write", cancelAt: 1.4, writeFails: false),
            Copy("not canceled", cancelAt: null, writeFails: false),
            Copy("canceled during the read", cancelAt: 0.3, writeFails: false),
            Copy("the write fails", cancelAt: null, writeFails: true));

        Trial Copy(string description, double? cancelAt, bool writeFails)
        {
            var connections = new SimulatedConnections();
            Expectation outcome = cancelAt is null
                ? Expect.Result(writeFails ? "failed: disk is full" : Attempt.Finished)
                : Expect.ThrowsWhenCanceled();
            Expectation[] expectations = cancelAt switch
            {
                0.3 => [outcome, Expect.AllClosed(connections), Expect.Operations(1), Expect.Canceled("read rows"), Expect.NothingRunning()],
                double => [outcome, Expect.AllClosed(connections), Expect.Canceled("write rows"), Expect.NothingRunning()],
                null => [outcome, Expect.AllClosed(connections), Expect.Operations(2), Expect.NothingRunning()],
            };
            return Trial.Of(
                description + (cancelAt is double at ? " (at " + TextFormat.Number(at) + " s)" : ""),
                io => CheckData.OutcomeAsync(io, cancelAt is double at ? CheckData.Scaled(at) : null, token => copyAsync(
                    connections,
                    readToken => io.FetchAsync("read rows", TimeSpan.FromSeconds(0.8), readToken),
                    writeToken => writeFails
                        ? io.FailAsync("write rows", TimeSpan.FromSeconds(0.6), "disk is full", writeToken)
                        : io.FetchAsync("write rows", TimeSpan.FromSeconds(1.2), writeToken),
                    token)),
                expectations);
        }
    }

    /// <summary>
    /// Checks <c>LoadPartsAsync(parts, cancellationToken)</c> four times: every part succeeds (results in order, all
    /// at once); one part fails (the others canceled at once, the failure thrown); another fails later; the caller
    /// cancels (every part canceled, the cancellation thrown). Nothing may still run when it returns.
    /// </summary>
    /// <param name="loadPartsAsync">Your method.</param>
    public static Task<CheckResult> CheckPartsAsync(Func<Func<CancellationToken, Task<string>>[], CancellationToken, Task<string[]>> loadPartsAsync)
    {
        ArgumentNullException.ThrowIfNull(loadPartsAsync);
        return Exercise.CheckAsync(
            "One failure stops the group; the caller can stop it too",
            Parts("all parts arrive", null, ("prices", 0.5, false), ("reviews", 0.9, false), ("stock", 0.7, false)),
            Parts("reviews fail", null, ("prices", 1.5, false), ("reviews", 0.4, true), ("stock", 2, false)),
            Parts("stock fails later", null, ("prices", 0.4, false), ("reviews", 2, false), ("stock", 0.9, true)),
            Parts("the caller cancels", 0.5, ("prices", 1.5, false), ("reviews", 2, false), ("stock", 1.8, false)));

        Trial Parts(string description, double? cancelAt, params (string Name, double Seconds, bool Fails)[] parts)
        {
            int tag = CheckData.Tag();
            string Value(string name) => name + " #" + tag;
            var failing = parts.Where(p => p.Fails).Select(p => (double?)p.Seconds).FirstOrDefault();
            double? stopAt = failing ?? cancelAt;
            string[] stopped = stopAt is double at ? [.. parts.Where(p => !p.Fails && p.Seconds > at).Select(p => p.Name)] : [];
            List<Expectation> expectations = [Expect.Operations(parts.Length), Expect.AllAtOnce(), Expect.NothingRunning()];
            if (stopAt is not null)
            {
                expectations.Add(Expect.Canceled(stopped));
                expectations.Add(failing is null ? Expect.ThrowsWhenCanceled() : Expect.Result("failed: " + parts.First(p => p.Fails).Name + " service is down"));
            }
            else
            {
                expectations.Add(Expect.Result(parts.Select(p => Value(p.Name)).ToArray()));
            }

            return Trial.Of(
                description + ": " + string.Join(", ", parts.Select(p => p.Name + " " + TextFormat.Number(p.Seconds) + " s")) + (cancelAt is double c ? ", cancel at " + TextFormat.Number(c) + " s" : ""),
                io => CheckData.OutcomeAsync(io, cancelAt is double at ? CheckData.Scaled(at) : null, token => loadPartsAsync(
                    [.. parts.Select(p => (Func<CancellationToken, Task<string>>)(partToken => p.Fails
                        ? io.FailAsync<string>(p.Name, TimeSpan.FromSeconds(p.Seconds), p.Name + " service is down", partToken)
                        : io.FetchAsync(p.Name, TimeSpan.FromSeconds(p.Seconds), Value(p.Name), partToken)))],
                    token)),
                [.. expectations]);
        }
    }
}
