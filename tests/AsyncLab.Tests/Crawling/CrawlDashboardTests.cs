using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace AsyncLab.Tests.Crawling;

public sealed class CrawlDashboardTests
{
    [Fact]
    public void Sample_CountsWhatTheInstrumentsOfItsMeterReport_AndIgnoresOtherMeters()
    {
        using var meter = new Meter("crawler-under-test");
        using var other = new Meter("crawler-under-test");
        using var dashboard = new CrawlDashboard(meter, goal: 10);
        meter.CreateCounter<int>(CrawlDashboard.DoneInstrument).Add(3);
        meter.CreateCounter<int>(CrawlDashboard.FailedInstrument).Add(1);
        meter.CreateCounter<long>(CrawlDashboard.RetriedInstrument).Add(2);
        UpDownCounter<int> inFlight = meter.CreateUpDownCounter<int>(CrawlDashboard.InFlightInstrument);
        inFlight.Add(1);
        inFlight.Add(1);
        inFlight.Add(-1);
        meter.CreateHistogram<double>(CrawlDashboard.DurationInstrument).Record(0.25);
        other.CreateCounter<int>(CrawlDashboard.DoneInstrument).Add(100);

        CrawlSnapshot snapshot = dashboard.Sample();

        Assert.Equal((3, 1, 2, 1, 10), (snapshot.Done, snapshot.Failed, snapshot.Retried, snapshot.InFlight, snapshot.Goal));
        Assert.Equal(0.25, snapshot.ErrorRate);
        Assert.Equal(0.4, snapshot.Progress);
        Assert.Equal(2, dashboard.PeakInFlight);
        Assert.Equal([0.25], dashboard.Durations);
        Assert.Single(dashboard.Samples);
    }

    [Fact]
    public void Dispose_StopsListening()
    {
        using var meter = new Meter("crawler-under-test");
        Counter<int> done = meter.CreateCounter<int>(CrawlDashboard.DoneInstrument);
        var dashboard = new CrawlDashboard(meter);
        done.Add(1);
        dashboard.Dispose();
        done.Add(1);

        Assert.Equal(1, dashboard.Sample().Done);
    }

    [Fact]
    public void Snapshot_ShowsAProgressBar_AndItsFigures()
    {
        var snapshot = new CrawlSnapshot(TimeSpan.FromSeconds(2), Done: 30, Failed: 10, Retried: 5, InFlight: 4, Goal: 80);

        Assert.Equal("2.0 s: 30 done of 80, 10 failed, 5 retried, 4 in flight; 20.0 pages/s, 25.0 % errors", snapshot.ToString());
        Assert.Contains("width:50.0%", snapshot.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_DrawTheSamplesAndDurations()
    {
        using var meter = new Meter("crawler-under-test");
        using var dashboard = new CrawlDashboard(meter);
        Histogram<double> duration = meter.CreateHistogram<double>(CrawlDashboard.DurationInstrument);
        foreach (double seconds in new[] { 0.05, 0.05, 0.06, 1.0 })
        {
            duration.Record(seconds);
        }

        dashboard.Sample();
        dashboard.Sample();

        Assert.Contains("requests: 0 → 0, 0.05 → 0", dashboard.LatencyChart(buckets: 20).ToString(), StringComparison.Ordinal);
        Assert.Contains("0.95 → 1, 1 → 1", dashboard.LatencyChart(buckets: 20).ToString(), StringComparison.Ordinal);
        Assert.Contains("Throughput over time", dashboard.ThroughputChart().ToString(), StringComparison.Ordinal);
        Assert.Contains("in flight: 0 → 0", dashboard.InFlightChart().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThroughputChart_CountsThePagesOfTheLastSecond_AndTheAverage()
    {
        using var meter = new Meter("crawler-under-test");
        var time = new FakeTimeProvider();
        using var dashboard = new CrawlDashboard(meter, timeProvider: time);
        Counter<int> done = meter.CreateCounter<int>(CrawlDashboard.DoneInstrument);
        foreach (int pages in new[] { 0, 10, 10, 40 })   // pages finished in each half second
        {
            done.Add(pages);
            dashboard.Sample();
            time.Advance(TimeSpan.FromSeconds(0.5));
        }

        // At 0.5 s: 10 pages in 0.5 s; at 1 s: 20 in 1 s; at 1.5 s: 50 in the last second. On average 60 pages in 1.5 s.
        Assert.Contains("over the last second: 0.5 → 20, 1 → 20, 1.5 → 50", dashboard.ThroughputChart().ToString(), StringComparison.Ordinal);
        Assert.Contains("average: 0 → 40, 1.5 → 40", dashboard.ThroughputChart().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsAGoalOfZero()
    {
        using var meter = new Meter("crawler-under-test");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CrawlDashboard(meter, goal: 0));

        Assert.Contains("The goal must be a positive number of pages, but was 0.", error.Message, StringComparison.Ordinal);
    }
}
