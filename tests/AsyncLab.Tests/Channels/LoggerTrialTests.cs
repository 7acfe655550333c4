using System.Threading.Channels;
using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Channels;

/// <summary>
/// The check of chapter 07's exercise 2 against the loggers a learner plausibly writes: the wrong ones must be
/// "not yet" for the reason named, the correct ones (including an unusual one without a channel) must pass. Real
/// clock, half latencies: a logger whose callers block would hang a virtual-time loop.
/// </summary>
[Collection(RealClock.Name)]
public class LoggerTrialTests
{
    private static readonly Expectation[] s_checks =
        [Expect.LogCallersNeverWait(), Expect.LogLinesWrittenInOrder(), Expect.LogWritesOneAtATime(), Expect.NothingRunning()];

    [Fact]
    public async Task Check_TheSolution_Passes()
    {
        CheckResult result = await CheckAsync(file => new ChannelLogger(file));

        Assert.True(result.Passed, result.ToString());
        Assert.Contains("14 of 14 lines written when disposed, 0 writes still in progress", result.ToString());
    }

    [Fact]
    public async Task Check_ATaskChainWithoutAChannel_Passes()
    {
        CheckResult result = await CheckAsync(file => new TaskChainLogger(file));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_LogThatWritesAndWaits_NotYet()
    {
        CheckResult result = await CheckAsync(file => new DirectLogger(file));

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "Log returns at once").Met);
        Assert.True(Outcome(result, "every line is in the file").Met);
    }

    [Fact]
    public async Task Check_FireAndForgetWrites_NotYet()
    {
        CheckResult result = await CheckAsync(file => new FireAndForgetLogger(file));

        Assert.False(result.Passed);
        Assert.True(Outcome(result, "Log returns at once").Met);
        Assert.False(Outcome(result, "every line is in the file").Met);
        Assert.False(Outcome(result, "one line at a time").Met);
        await Task.Delay(TimeSpan.FromSeconds(0.2));   // let the forgotten writes end
    }

    [Fact]
    public async Task Check_DisposeThatDoesNotWaitForTheWriter_NotYet()
    {
        CheckResult result = await CheckAsync(file => new ChannelLogger(file, awaitWriter: false));

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "every line is in the file").Met);
        await Task.Delay(TimeSpan.FromSeconds(0.5));   // let the abandoned writer end
    }

    [Fact]
    public async Task Check_TwoWritersOnOneChannel_NotYet()
    {
        CheckResult result = await CheckAsync(file => new ChannelLogger(file, writers: 2));

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "one line at a time").Met);
    }

    [Fact]
    public async Task Check_LogWaitingOnAFullBoundedChannel_NotYet()
    {
        CheckResult result = await CheckAsync(file => new ChannelLogger(file, capacity: 1));

        Assert.False(result.Passed);
        Assert.False(Outcome(result, "Log returns at once").Met);
    }

    [Fact]
    public async Task Check_DisposeThatNeverCompletesTheChannel_NotYetWhenItTimesOut()
    {
        CheckResult result = await Exercise.CheckAsync(
            "Callers never wait for the disk", io => LoggerTrial.RunAsync(io, file => new ChannelLogger(file, complete: false), (l, line) => l.Log(line)), Io(), TimeSpan.FromSeconds(2), s_checks);

        Assert.False(result.Passed);
        Assert.StartsWith("did not finish within", result.Expectations[0].Measured);
    }

    [Fact]
    public async Task Expectations_WithoutALoggerReport_AreNotMet()
    {
        CheckResult result = await Exercise.CheckAsync("No report", io => Task.FromResult(42), Io(), TimeSpan.FromSeconds(5),
            Expect.LogCallersNeverWait(), Expect.LogLinesWrittenInOrder(), Expect.LogWritesOneAtATime());

        Assert.All(result.Expectations.Skip(1), outcome => Assert.Equal((false, "no report"), (outcome.Met, outcome.Measured)));
    }

    [Fact]
    public async Task RunAsync_NullArguments_ThrowWithParameterNames()
    {
        Assert.Equal("io", (await Assert.ThrowsAsync<ArgumentNullException>(() => LoggerTrial.RunAsync(null!, file => new DirectLogger(file), (l, line) => l.Log(line)))).ParamName);
        Assert.Equal("create", (await Assert.ThrowsAsync<ArgumentNullException>(() => LoggerTrial.RunAsync<DirectLogger>(Io(), null!, (l, line) => l.Log(line)))).ParamName);
        Assert.Equal("log", (await Assert.ThrowsAsync<ArgumentNullException>(() => LoggerTrial.RunAsync(Io(), file => new DirectLogger(file), null!))).ParamName);
    }

    private static Task<CheckResult> CheckAsync<TLogger>(Func<SimulatedLogFile, TLogger> create)
        where TLogger : ILogLines =>
        Exercise.CheckAsync("Callers never wait for the disk", io => LoggerTrial.RunAsync(io, create, (logger, line) => logger.Log(line)), Io(), TimeSpan.FromSeconds(30), s_checks);

    private static SimulatedIO Io() => new(new TimingRecorder(TimeProvider.System), new SimulatedIOOptions { LatencyScale = 0.5 });

    private static ExpectationOutcome Outcome(CheckResult result, string description) =>
        result.Expectations.Single(e => e.Description.Contains(description, StringComparison.Ordinal));

    private interface ILogLines : IAsyncDisposable
    {
        void Log(string line);
    }

    /// <summary>The solution, and with its options the wrong variants: several writers, a bounded channel, a dispose that forgets a step.</summary>
    private sealed class ChannelLogger : ILogLines
    {
        private readonly Channel<string> _lines;
        private readonly Task _writers;
        private readonly bool _awaitWriter;
        private readonly bool _complete;

        public ChannelLogger(SimulatedLogFile file, int writers = 1, int? capacity = null, bool awaitWriter = true, bool complete = true)
        {
            _lines = capacity is int bound ? Channel.CreateBounded<string>(bound) : Channel.CreateUnbounded<string>();
            _writers = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => WriteAllAsync(file)));
            _awaitWriter = awaitWriter;
            _complete = complete;
        }

        public void Log(string line) => _lines.Writer.WriteAsync(line).AsTask().GetAwaiter().GetResult();

        public async ValueTask DisposeAsync()
        {
            if (_complete)
            {
                _lines.Writer.Complete();
            }

            if (_awaitWriter)
            {
                await _writers;
            }
        }

        private async Task WriteAllAsync(SimulatedLogFile file)
        {
            await foreach (string line in _lines.Reader.ReadAllAsync())
            {
                await file.WriteLineAsync(line);
            }
        }
    }

    /// <summary>Correct without a channel: each write is chained after the previous one.</summary>
    private sealed class TaskChainLogger(SimulatedLogFile file) : ILogLines
    {
        private readonly object _gate = new();
        private Task _tail = Task.CompletedTask;

        public void Log(string line)
        {
            lock (_gate)
            {
                _tail = WriteAfterAsync(_tail, line);
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (_gate)
            {
                return new ValueTask(_tail);
            }
        }

        private async Task WriteAfterAsync(Task previous, string line)
        {
            await previous;
            await file.WriteLineAsync(line);
        }
    }

    /// <summary>The starter: every caller waits for the disk.</summary>
    private sealed class DirectLogger(SimulatedLogFile file) : ILogLines
    {
        public void Log(string line) => file.WriteLineAsync(line).GetAwaiter().GetResult();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Never waits, and never knows when its writes end.</summary>
    private sealed class FireAndForgetLogger(SimulatedLogFile file) : ILogLines
    {
        public void Log(string line) => _ = file.WriteLineAsync(line);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
