namespace AsyncLab;

/// <summary>
/// The exercise checks of chapter 02, Waiting for many. Each runs your method on baskets, mirrors and parcels
/// you did not write: other sizes, other orders, another winner.
/// </summary>
public static class Chapter02Checks
{
    /// <summary>
    /// Checks <c>PriceBasketAsync(basket, fetchPrice)</c> on three baskets that are not in alphabetical order and whose
    /// prices arrive in yet another order: one fetch per product, all at once, prices returned in basket order.
    /// </summary>
    /// <param name="priceBasketAsync">Your method.</param>
    public static Task<CheckResult> CheckBasketAsync(Func<string[], Func<string, Task<string>>, Task<string[]>> priceBasketAsync)
    {
        ArgumentNullException.ThrowIfNull(priceBasketAsync);
        return Exercise.CheckAsync(
            "The basket is priced all at once, in basket order",
            Basket(("dates", 0.5), ("apples", 1), ("cheese", 0.4), ("bread", 0.75)),
            Basket(("tea", 0.75), ("milk", 0.5), ("eggs", 1)),
            Basket(("rice", 0.6), ("flour", 1.1), ("oil", 0.4), ("salt", 0.9), ("beans", 0.5), ("corn", 0.75)));

        Trial Basket(params (string Product, double Seconds)[] items)
        {
            string[] basket = [.. items.Select(item => item.Product)];
            Dictionary<string, (double Seconds, string Price)> prices = items.ToDictionary(item => item.Product, item => (item.Seconds, item.Product + ": " + CheckData.Tag() + " cents"));
            return Trial.Of(
                "a basket of " + string.Join(", ", basket),
                io => priceBasketAsync(basket, product => prices.TryGetValue(product, out var price)
                    ? io.FetchAsync(product, TimeSpan.FromSeconds(price.Seconds), price.Price)
                    : throw new ArgumentException("There is no \"" + product + "\" in this basket.", nameof(product))),
                Expect.Operations(basket.Length), Expect.AllAtOnce(), Expect.NothingRunning(),
                Expect.Result(basket.Select(product => prices[product].Price).ToArray()));
        }
    }

    /// <summary>
    /// Checks <c>DownloadFromFastestAsync(mirrors)</c> three times, with a different mirror the fastest each time: every
    /// mirror started, the first response returned, the others canceled and ended before it returns.
    /// </summary>
    /// <param name="downloadFromFastestAsync">Your method.</param>
    public static Task<CheckResult> CheckFastestMirrorAsync(Func<Func<CancellationToken, Task<string>>[], Task<string>> downloadFromFastestAsync)
    {
        ArgumentNullException.ThrowIfNull(downloadFromFastestAsync);
        return Exercise.CheckAsync("The fastest mirror wins and the others stop", Race(2, 0.4, 1.6), Race(0.5, 2, 1.8), Race(2.2, 1.8, 2, 0.45));

        Trial Race(params double[] seconds)
        {
            int tag = CheckData.Tag();
            int winner = Array.IndexOf(seconds, seconds.Min());
            return Trial.Of(
                "mirrors taking " + CheckData.Seconds(seconds),
                io => downloadFromFastestAsync([.. seconds.Select((s, i) => (Func<CancellationToken, Task<string>>)(token =>
                    io.FetchAsync("mirror " + (i + 1), TimeSpan.FromSeconds(s), "file " + tag + " from mirror " + (i + 1), token)))]),
                Expect.Operations(seconds.Length), Expect.OnlyOneCompletes(), Expect.NothingRunning(), Expect.Result("file " + tag + " from mirror " + (winner + 1)));
        }
    }

    /// <summary>
    /// Checks <c>HandleParcelsAsync(parcels)</c> on two deliveries whose arrival order is neither the order sent,
    /// nor its reverse, nor alphabetical: the list returned must be in order of arrival.
    /// </summary>
    /// <param name="handleParcelsAsync">Your method.</param>
    public static Task<CheckResult> CheckParcelsAsync(Func<Task<string>[], Task<List<string>>> handleParcelsAsync)
    {
        ArgumentNullException.ThrowIfNull(handleParcelsAsync);
        return Exercise.CheckAsync(
            "Parcels are handled as they arrive",
            Delivery(("parcel A", 1), ("parcel B", 0.4), ("parcel C", 0.75), ("parcel D", 0.55)),
            Delivery(("parcel E", 0.9), ("parcel F", 0.45), ("parcel G", 1.2), ("parcel H", 0.6), ("parcel I", 0.75)));

        Trial Delivery(params (string Name, double Seconds)[] parcels) => Trial.Of(
            "parcels arriving after " + CheckData.Seconds(parcels.Select(p => p.Seconds)),
            io => handleParcelsAsync([.. parcels.Select(p => io.FetchAsync(p.Name, TimeSpan.FromSeconds(p.Seconds), p.Name))]),
            Expect.Operations(parcels.Length), Expect.ResultInCompletionOrder(), Expect.NothingRunning());
    }
}
