using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises;

[Collection(ProcessWideState.Name)]
public class ExerciseTimeoutTests
{
    [Fact]
    public void Timeout_DefaultsToThirtySecondsAndCanBeChanged()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Exercise.Timeout);
        try
        {
            Exercise.Timeout = TimeSpan.FromMinutes(2);

            Assert.Equal(TimeSpan.FromMinutes(2), Exercise.Timeout);
        }
        finally
        {
            Exercise.Timeout = TimeSpan.FromSeconds(30);
        }
    }
}
