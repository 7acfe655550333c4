using System.Text.Json.Nodes;

namespace NotebookRunner.Formatting;

/// <summary>
/// An exercise check that a cell displayed, and whether it passed. The runner recognises checks by a
/// naming convention, never by referencing a library: a value whose type is named <c>CheckResult</c>
/// and has a public <c>bool Passed</c> and <c>string Title</c>. The outcome is kept in the output's
/// metadata, so an executed notebook still says which checks passed.
/// </summary>
/// <param name="Title">The check's title.</param>
/// <param name="Passed">True for a pass, false for "not yet".</param>
public sealed record CheckOutcome(string Title, bool Passed)
{
    /// <summary>The key of the output metadata entry that holds a check's outcome.</summary>
    public const string MetadataKey = "exercise_check";

    /// <summary>Reads the check a value represents, or null when it is not a check result.</summary>
    public static CheckOutcome? Recognise(object value)
    {
        var type = value.GetType();
        if (type.Name != "CheckResult")
        {
            return null;
        }

        return type.GetProperty("Passed")?.GetValue(value) is bool passed && type.GetProperty("Title")?.GetValue(value) is string title
            ? new CheckOutcome(title, passed)
            : null;
    }

    /// <summary>The checks recorded in a cell's outputs, in order.</summary>
    public static IEnumerable<CheckOutcome> In(IEnumerable<JsonObject> outputs) =>
        outputs
            .Select(output => output["metadata"]?[MetadataKey])
            .OfType<JsonObject>()
            .Select(check => new CheckOutcome(check["title"]!.GetValue<string>(), check["passed"]!.GetValue<bool>()));

    /// <summary>The outcome as output metadata.</summary>
    public JsonObject ToJson() => new() { ["title"] = Title, ["passed"] = Passed };
}
