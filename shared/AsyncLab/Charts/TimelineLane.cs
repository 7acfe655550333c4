using System.Globalization;

namespace AsyncLab;

/// <summary>One row of a timeline: an operation, its label and where its bar ends (now, if it is still running).</summary>
internal readonly record struct TimelineLane(string Label, OperationRecord Operation, TimeSpan End)
{
    /// <summary>Lanes for <paramref name="operations"/>, first started first, labelled by <paramref name="label"/>.</summary>
    public static IEnumerable<TimelineLane> For(IEnumerable<OperationRecord> operations, TimeSpan now, Func<OperationRecord, string> label) =>
        operations.OrderBy(o => o.Start).ThenBy(o => o.Sequence)
            .Select(o => new TimelineLane(label(o), o, Concurrency.EndOf(o, now)));

    /// <summary>"completed", "faulted: server busy", "running".</summary>
    public string OutcomeText => Operation.Outcome switch
    {
        OperationOutcome.Faulted when Operation.ErrorMessage is { } error => "faulted: " + error,
        _ => Operation.Outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>"5→9", or "5→…" while running.</summary>
    public string Threads(string arrow) =>
        $"{Operation.StartThreadId}{arrow}{(Operation.EndThreadId is int end ? end.ToString(CultureInfo.InvariantCulture) : "…")}";
}
