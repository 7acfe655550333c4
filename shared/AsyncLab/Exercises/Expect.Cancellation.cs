namespace AsyncLab;

/// <summary>Expectations for cancellation: that what was opened was closed again.</summary>
public static partial class Expect
{
    /// <summary>
    /// At least one connection was opened from <paramref name="connections"/>, and none was still open when the
    /// attempt returned: cleanup ran, also on the canceled or failed path.
    /// </summary>
    /// <param name="connections">The connections the attempt opens from; create a fresh one for each check.</param>
    /// <example><c>Expect.AllClosed(connections)</c></example>
    public static Expectation AllClosed(SimulatedConnections connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        return new Expectation(
            "Every connection your code opened is closed again",
            _ => (connections.OpenedCount > 0 && connections.OpenCount == 0, connections.OpenedCount == 0 ? "no connection opened" : connections.ToString()),
            "Some connections were still open when your code returned: a close at the end of the method never runs when an await before it throws "
            + "(a cancellation does). Close in a finally block, or open with `await using`.");
    }

    /// <summary>
    /// The attempt, run through <see cref="Attempt.CanceledAfter"/>, let the cancellation reach its caller as an
    /// <see cref="OperationCanceledException"/> instead of returning normally. Fails when the token was never passed
    /// on (the work ran to its end) or when the exception was swallowed.
    /// </summary>
    /// <example><c>Expect.ThrowsWhenCanceled()</c></example>
    public static Expectation ThrowsWhenCanceled() => new(
        "Lets the cancellation reach the caller as an OperationCanceledException",
        run => run.Result switch
        {
            Attempt.Canceled => (true, "threw OperationCanceledException after the cancel"),
            Attempt.Finished => (false, "returned normally"),
            var other => (false, "returned " + ValueText.Format(other)),
        },
        "Your code returned normally although it was canceled. Pass the token to every operation, and don't swallow the "
        + "OperationCanceledException (a catch (Exception) catches it too): put cleanup in finally and let the exception through.");
}
