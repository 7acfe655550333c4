namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 01, Sequential vs concurrent awaits. Each runs your method several times,
/// with latencies you did not write, so that a different step is the slowest each time.
/// </summary>
public static class Chapter01Checks
{
    /// <summary>
    /// Checks <c>MakeBreakfastAsync(makeCoffee, fryEggs, makeToast)</c> with each dish the slowest in turn: three
    /// operations, all in flight at once, all finished when it returns, no blocking.
    /// </summary>
    /// <param name="makeBreakfastAsync">Your method.</param>
    public static Task<CheckResult> CheckBreakfastAsync(Func<Func<Task>, Func<Task>, Func<Task>, Task> makeBreakfastAsync)
    {
        ArgumentNullException.ThrowIfNull(makeBreakfastAsync);
        return Exercise.CheckAsync("Breakfast is made concurrently", Breakfast(0.75, 1, 0.5), Breakfast(1, 0.5, 0.75), Breakfast(0.5, 0.75, 1));

        Trial Breakfast(double coffee, double eggs, double toast) => new(
            "coffee, eggs, toast take " + CheckData.Seconds([coffee, eggs, toast]),
            io => makeBreakfastAsync(
                () => io.FetchAsync("coffee", TimeSpan.FromSeconds(coffee)),
                () => io.FetchAsync("eggs", TimeSpan.FromSeconds(eggs)),
                () => io.FetchAsync("toast", TimeSpan.FromSeconds(toast))),
            Expect.Operations(3), Expect.AllAtOnce(), Expect.NothingRunning());
    }

    /// <summary>
    /// Checks <c>FetchDashboardAsync(weather, news, stocks)</c> with three completion orders and values it cannot
    /// guess: the three fetched at once, returned as [weather, news, stocks] whatever order they finish in.
    /// </summary>
    /// <param name="fetchDashboardAsync">Your method.</param>
    public static Task<CheckResult> CheckDashboardAsync(Func<Func<Task<string>>, Func<Task<string>>, Func<Task<string>>, Task<string[]>> fetchDashboardAsync)
    {
        ArgumentNullException.ThrowIfNull(fetchDashboardAsync);
        return Exercise.CheckAsync("The dashboard fetches concurrently and keeps the order", Dashboard(1, 0.5, 0.4), Dashboard(0.4, 1, 0.6), Dashboard(0.6, 0.4, 1));

        Trial Dashboard(double weather, double news, double stocks)
        {
            string[] values = ["weather: " + CheckData.Tag() + " hPa", "news: " + CheckData.Tag() + " headlines", "stocks: " + CheckData.Tag() + " points"];
            return Trial.Of(
                "weather, news, stocks take " + CheckData.Seconds([weather, news, stocks]),
                io => fetchDashboardAsync(
                    () => io.FetchAsync("weather", TimeSpan.FromSeconds(weather), values[0]),
                    () => io.FetchAsync("news", TimeSpan.FromSeconds(news), values[1]),
                    () => io.FetchAsync("stocks", TimeSpan.FromSeconds(stocks), values[2])),
                Expect.Operations(3), Expect.AllAtOnce(), Expect.NothingRunning(), Expect.Result(values));
        }
    }
}
