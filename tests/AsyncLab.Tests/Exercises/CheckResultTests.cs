namespace AsyncLab.Tests.Exercises;

public class CheckResultTests
{
    private static readonly CheckResult Passed = new("Fetch both", [new ExpectationOutcome("Runs", true, "no exception")], hint: "unused");

    private static readonly CheckResult NotYet = new(
        "Fetch both",
        [new ExpectationOutcome("Runs", true, "no exception"), new ExpectationOutcome("All at once", false, "peak 1 of 2 in flight")],
        hint: "Start both first. (measured: peak 1 of 2 in flight)");

    [Fact]
    public void ToString_Passed_ListsExpectationsWithoutHint()
    {
        Assert.True(Passed.Passed);
        Assert.Null(Passed.Hint);
        Assert.Equal("✅ PASSED: Fetch both\n  ✔ Runs — no exception", Passed.ToString());
    }

    [Fact]
    public void ToString_NotYet_ListsExpectationsThenTheHint()
    {
        Assert.False(NotYet.Passed);
        Assert.Equal(
            "⏳ NOT YET: Fetch both\n  ✔ Runs — no exception\n  ✘ All at once — peak 1 of 2 in flight\n  Hint: Start both first. (measured: peak 1 of 2 in flight)",
            NotYet.ToString());
    }

    [Fact]
    public void ToHtml_GreenOrAmberBoxWithEscapedText()
    {
        var tricky = new CheckResult("<script>", [new ExpectationOutcome("a < b", false, "x & y")], hint: "use <T>");

        Assert.Contains("#2e9d5b", Passed.ToHtml());
        Assert.Contains("#d4a017", NotYet.ToHtml());
        string html = tricky.ToHtml();
        Assert.Contains("⏳ NOT YET: &lt;script&gt;", html);
        Assert.Contains("a &lt; b — x &amp; y", html);
        Assert.Contains("<b>Hint:</b> use &lt;T&gt;", html);
        Assert.DoesNotContain("<script>", html);
    }
}
