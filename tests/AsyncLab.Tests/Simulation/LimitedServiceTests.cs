using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Simulation;

/// <summary>The limited-capacity service, in virtual time: exact latencies for each overload behavior.</summary>
public class LimitedServiceTests
{
    [Fact]
    public void RequestAsync_WithinCapacity_TakesTheLatencyAndReturnsTheResponse()
    {
        var (responses, service) = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.Refuse);
            string[] responses = await Task.WhenAll(service.RequestAsync("a"), service.RequestAsync("b"));
            return (responses, service);
        });

        Assert.Equal(["response from a", "response from b"], responses);
        Assert.All(service.Recorder.Operations, o => Assert.Equal(Seconds(1), o.Duration));
        Assert.Equal(["a", "b"], service.Served.Order());
        Assert.Equal("2 at once, refuse when full: 2 requests, 2 served, 0 refused, peak 2 in flight", service.ToString());
    }

    [Fact]
    public void RequestAsync_Queue_BeyondCapacityWaitsItsTurnInOrder()
    {
        LimitedService service = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.Queue);
            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => service.RequestAsync($"r{i}")));
            return service;
        });

        Assert.Equal([1.0, 1, 2, 2, 3], service.Recorder.Operations.Select(o => o.End!.Value.TotalSeconds));
        Assert.Equal(5, service.PeakInFlight);
        Assert.Equal(2, service.PeakServing);
        Assert.Equal(0, service.InFlight);
    }

    [Fact]
    public void RequestAsync_QueueFull_Refuses()
    {
        var (service, refusal) = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.Queue, queueLimit: 1);
            Task[] requests = [.. Enumerable.Range(1, 4).Select(i => service.RequestAsync($"r{i}"))];
            TooManyRequestsException refusal = await Assert.ThrowsAsync<TooManyRequestsException>(() => requests[3]);
            await Task.WhenAll(requests.Take(3));
            return (service, refusal);
        });

        Assert.Equal(1, service.RefusedCount);
        Assert.Equal("r4", refusal.RequestName);
        Assert.Equal(2, refusal.Capacity);
        Assert.Equal(Seconds(0.1), service.Recorder.Operations.Single(o => o.Name == "r4").Duration);
    }

    [Fact]
    public void RequestAsync_SlowDown_LatencyGrowsWithTheLoadAtArrival()
    {
        LimitedService service = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.SlowDown);
            await Task.WhenAll(Enumerable.Range(1, 4).Select(i => service.RequestAsync($"r{i}")));
            return service;
        });

        Assert.Equal([1.0, 1, 1.5, 2], service.Recorder.Operations.Select(o => o.Duration!.Value.TotalSeconds));
        Assert.Equal(4, service.PeakServing);
    }

    [Fact]
    public void RequestAsync_Refuse_BeyondCapacityFailsQuickly()
    {
        LimitedService service = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.Refuse);
            Task[] requests = [.. Enumerable.Range(1, 3).Select(i => service.RequestAsync($"r{i}"))];
            await Assert.ThrowsAsync<TooManyRequestsException>(() => Task.WhenAll(requests));
            return service;
        });

        Assert.Equal(1, service.RefusedCount);
        Assert.Equal(3, service.RequestCount);
        Assert.Equal([OperationOutcome.Completed, OperationOutcome.Completed, OperationOutcome.Faulted], service.Recorder.Operations.Select(o => o.Outcome));
    }

    [Fact]
    public void RequestAsync_CanceledInTheQueue_LeavesItAndFreesNoSlot()
    {
        LimitedService service = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.Queue);
            using var cancellation = new CancellationTokenSource(Seconds(0.5), time);
            Task first = service.RequestAsync("first");
            Task second = service.RequestAsync("second");
            Task waiting = service.RequestAsync("waiting", cancellation.Token);
            Task next = service.RequestAsync("next");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            await Task.WhenAll(first, second, next);
            return service;
        });

        OperationRecord waiting = service.Recorder.Operations.Single(o => o.Name == "waiting");
        Assert.Equal((OperationOutcome.Canceled, Seconds(0.5)), (waiting.Outcome, waiting.End!.Value));
        Assert.Equal(Seconds(2), service.Recorder.Operations.Single(o => o.Name == "next").End);
    }

    [Fact]
    public void RequestAsync_FailingRequest_FailsAfterItsLatencyAndFreesTheSlot()
    {
        LimitedService service = VirtualTimeLoop.Run(async time =>
        {
            var service = Service(time, OverloadBehavior.Queue, failing: "broken");
            Task broken = service.RequestAsync("broken");
            Task other = service.RequestAsync("other");
            Task queued = service.RequestAsync("queued");
            await Assert.ThrowsAsync<SimulatedFailureException>(() => broken);
            await Task.WhenAll(other, queued);
            return service;
        });

        Assert.Equal(Seconds(2), service.Recorder.Operations.Single(o => o.Name == "queued").End);
        Assert.Equal(["other", "queued"], service.Served);
    }

    [Fact]
    public void RequestAsync_AlreadyCanceled_IsNotSent()
    {
        var service = new LimitedService(new TimingRecorder());

        Task request = service.RequestAsync("never", new CancellationToken(canceled: true));

        Assert.True(request.IsCanceled);
        Assert.Empty(service.Recorder.Operations);
        Assert.Equal(0, service.RequestCount);
    }

    [Fact]
    public void RequestAsync_LatencyOf_GivesEachRequestItsOwnLatency()
    {
        LimitedService service = VirtualTimeLoop.Run(async time =>
        {
            var options = new LimitedServiceOptions { LatencyScale = 1, LatencyOf = name => Seconds(name.Length) };
            var service = new LimitedService(new TimingRecorder(time), options);
            await Task.WhenAll(service.RequestAsync("ab"), service.RequestAsync("abc"));
            return service;
        });

        Assert.Equal([2.0, 3], service.Recorder.Operations.Select(o => o.Duration!.Value.TotalSeconds));
    }

    [Fact]
    public void RequestAsync_BlankName_Throws()
    {
        var service = new LimitedService(new TimingRecorder());

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => { _ = service.RequestAsync(" "); }).ParamName);
    }

    [Fact]
    public void Constructor_NullRecorder_Throws()
    {
        Assert.Equal("recorder", Assert.Throws<ArgumentNullException>(() => new LimitedService(null!)).ParamName);
    }

    [Fact]
    public void Options_InvalidValues_ThrowWithTheValue()
    {
        var options = new LimitedServiceOptions();

        Assert.Contains("but was 0", Assert.Throws<ArgumentOutOfRangeException>(() => options.Capacity = 0).Message);
        Assert.Contains("-00:00:01", Assert.Throws<ArgumentOutOfRangeException>(() => options.Latency = Seconds(-1)).Message);
        Assert.Contains("but was -1", Assert.Throws<ArgumentOutOfRangeException>(() => options.QueueLimit = -1).Message);
        Assert.Contains("but was 7", Assert.Throws<ArgumentOutOfRangeException>(() => options.Overload = (OverloadBehavior)7).Message);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => options.LatencyScale = 0).ParamName);
    }

    private static LimitedService Service(TimeProvider time, OverloadBehavior overload, int? queueLimit = null, string? failing = null)
    {
        var options = new LimitedServiceOptions { Capacity = 2, Latency = Seconds(1), Overload = overload, QueueLimit = queueLimit, LatencyScale = 1 };
        if (failing is not null)
        {
            options.FailingRequests.Add(failing);
        }

        return new LimitedService(new TimingRecorder(time), options);
    }
}
