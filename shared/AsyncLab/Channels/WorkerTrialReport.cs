using System.Text;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>What <see cref="WorkerTrial.RunAsync"/> measured: one line per round of the learner's workers.</summary>
public sealed class WorkerTrialReport
{
    internal WorkerTrialReport(IReadOnlyList<WorkerRound> rounds, int threadSamples, int blockedSamples)
    {
        Rounds = rounds;
        ThreadSamples = threadSamples;
        BlockedSamples = blockedSamples;
    }

    /// <summary>How many times a thread that had just read a job was looked at, a moment later.</summary>
    public int ThreadSamples { get; }

    /// <summary>How many of those looks found the thread blocked (in <c>.Wait()</c>, <c>.Result</c>, <c>Thread.Sleep</c> or a lock) instead of awaiting.</summary>
    public int BlockedSamples { get; }

    /// <summary>The rounds, in the order they ran.</summary>
    internal IReadOnlyList<WorkerRound> Rounds { get; }

    /// <summary>One line per round: workers, jobs, what the method returned or threw, the peak in flight and the time taken.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (WorkerRound round in Rounds)
        {
            string outcome = round.Thrown is { } thrown ? "threw " + thrown.GetType().Name : "returned " + round.Returned;
            text.Append(Invariant($"{round.Prefix}: {round.Workers} workers, {round.Jobs.Count} jobs: {outcome}, peak {round.Peak} in flight, {TextFormat.Seconds(round.Elapsed)}\n"));
        }

        return text.Append(Invariant($"{BlockedSamples} of {ThreadSamples} looks at a reading thread found it blocked")).ToString();
    }
}
