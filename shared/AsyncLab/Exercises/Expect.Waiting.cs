using System.Collections;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>Expectations for waiting on many operations: completion order and first-response races (chapter 02).</summary>
public static partial class Expect
{
    /// <summary>
    /// The attempt returned the names of its operations in the order they completed: the first item
    /// is the operation that finished first. Only operations that completed count, and each must
    /// appear once. Use it for "handle each result as soon as it arrives" exercises.
    /// </summary>
    /// <example>
    /// <code>
    /// // The attempt returns ["fast", "medium", "slow"] when "fast" finished first.
    /// await Exercise.CheckAsync("As they complete", HandleAsync, Expect.ResultInCompletionOrder())
    /// </code>
    /// </example>
    public static Expectation ResultInCompletionOrder() => new(
        "Returns the operations' names in the order they completed",
        run =>
        {
            string[] completed = [.. run.Operations
                .Where(o => o.Outcome == OperationOutcome.Completed)
                .OrderBy(o => o.End)
                .ThenBy(o => o.Sequence)
                .Select(o => o.Name)];
            string completedText = "completed " + ValueText.Format(completed);
            if (run.Result is not IEnumerable items || run.Result is string)
            {
                return (false, "returned " + ValueText.Format(run.Result) + ", not a list of names; " + completedText);
            }

            string?[] returned = [.. items.Cast<object?>().Select(item => item?.ToString())];
            return (completed.Length > 0 && returned.SequenceEqual(completed), "returned " + ValueText.Format(returned) + "; " + completedText);
        },
        "The names you returned are not in the order the operations completed. Handle each task when it finishes "
        + "(for example with await foreach over Task.WhenEach(tasks)), not in the order you started them.");

    /// <summary>
    /// Exactly one operation completed and every other one was canceled: the attempt took the first
    /// result and stopped the rest instead of waiting for them or leaving them running.
    /// </summary>
    /// <example>
    /// <code>
    /// await Exercise.CheckAsync("First response wins", RaceAsync, Expect.OnlyOneCompletes(), Expect.NothingRunning())
    /// </code>
    /// </example>
    public static Expectation OnlyOneCompletes() => new(
        "Exactly one operation completes; every other one is canceled",
        run =>
        {
            TimingSummary summary = run.Summary;
            return (summary.Completed == 1 && summary.Canceled == summary.Count - 1 && summary.Count > 1,
                Invariant($"{summary.Completed} completed, {summary.Canceled} canceled, {summary.Faulted} faulted, {summary.Running} still running"));
        },
        "Either more than one operation ran to the end (you waited for the losers too), or the others were not canceled. "
        + "Await Task.WhenAny to get the first finished task, then cancel the others through the CancellationToken you gave them, and await them.");
}
