namespace AsyncLab.Tests.Exercises;

public class ExpectationTests
{
    private static readonly ExerciseRun EmptyRun = new(new TimingRecorder(), null, null, false, TimeSpan.Zero);

    [Fact]
    public void Evaluate_ReturnsTheVerdictWithTheDescription()
    {
        var expectation = new Expectation("Is quick", _ => (true, "0.1 s"), "Go faster.");

        Assert.Equal(new ExpectationOutcome("Is quick", true, "0.1 s"), expectation.Evaluate(EmptyRun));
        Assert.Equal(("Is quick", "Go faster."), (expectation.Description, expectation.Hint));
    }

    [Fact]
    public void Evaluate_EvaluationThrows_IsNotMetWithTheMessage()
    {
        var expectation = new Expectation("Is quick", _ => throw new InvalidOperationException("no data"), "Go faster.");

        Assert.Equal(new ExpectationOutcome("Is quick", false, "no data"), expectation.Evaluate(EmptyRun));
    }

    [Fact]
    public void Constructor_InvalidArguments_ThrowWithParameterNames()
    {
        Assert.Equal("description", Assert.Throws<ArgumentException>(() => new Expectation(" ", _ => (true, ""), "hint")).ParamName);
        Assert.Equal("evaluate", Assert.Throws<ArgumentNullException>(() => new Expectation("d", null!, "hint")).ParamName);
        Assert.Equal("hint", Assert.Throws<ArgumentNullException>(() => new Expectation("d", _ => (true, ""), null!)).ParamName);
        Assert.Equal("run", Assert.Throws<ArgumentNullException>(() => new Expectation("d", _ => (true, ""), "h").Evaluate(null!)).ParamName);
    }
}
