namespace Failover.Bench;

/// <summary>
/// What the transfers saw over one window of time. A gap is the time between two consecutive 200s naming an account;
/// an account's gap is its longest one ending in the window (for a kill, the one spanning it), so the worst gap is
/// how long the least lucky account went unserved, and the same figure without a fault is the loop's own noise.
/// </summary>
internal sealed record Window(
    double WorstGap,
    double P50GapAffected,
    double P50GapAll,
    int Affected,
    int Unavailable,
    int Others,
    int Hung,
    double SlowestAnswer,
    double P50UnavailableAnswer,
    double WorstServedAgain,
    int NeverServed,
    double WorstTransfer)
{
    /// <summary>
    /// Measures <paramref name="attempts"/> over [<paramref name="from"/>, <paramref name="to"/>]. An account is affected
    /// when a transfer naming it was answered other than 200 in the window; "served again" is, per account, its first
    /// 200 after <paramref name="from"/>, less <paramref name="from"/> (for a kill: the time since the kill).
    /// </summary>
    public static Window Measure(IReadOnlyList<Attempt> attempts, int accounts, double from, double to)
    {
        var inWindow = attempts.Where(a => a.AnsweredAt >= from && a.AnsweredAt <= to).ToList();
        var gaps = new double[accounts];
        var servedAgain = new double[accounts];
        var affected = new List<int>();
        var neverServed = 0;
        for (var account = 0; account < accounts; account++)
        {
            var successes = attempts.Where(a => a.Succeeded && a.Involves(account)).Select(a => a.AnsweredAt).Order().ToList();
            var before = successes.LastOrDefault(s => s <= from, double.NaN);
            var after = successes.FirstOrDefault(s => s > from, double.NaN);
            if (double.IsNaN(after) || after > to)
            {
                // No 200 in the whole window: the gap is at least the window's length.
                neverServed++;
                after = to;
            }

            servedAgain[account] = after - from;
            var gap = after - (double.IsNaN(before) ? from : before);
            for (var i = 1; i < successes.Count; i++)
            {
                // Intervals ending in the window: one that only starts in it belongs to whatever comes next (the next kill).
                if (successes[i] > from && successes[i] <= to)
                {
                    gap = Math.Max(gap, successes[i] - successes[i - 1]);
                }
            }

            gaps[account] = gap;
            if (inWindow.Any(a => !a.Succeeded && a.Involves(account)))
            {
                affected.Add(account);
            }
        }

        return new Window(
            gaps.Max(),
            Median(affected.Select(a => gaps[a])),
            Median(gaps),
            affected.Count,
            inWindow.Count(a => a.Unavailable),
            inWindow.Count(a => a.IsOther),
            inWindow.Count(a => a.Status == Attempt.Hung),
            inWindow.Count == 0 ? double.NaN : inWindow.Max(a => a.AnsweredAt - a.SentAt),
            Median(inWindow.Where(a => a.Unavailable).Select(a => a.AnsweredAt - a.SentAt)),
            servedAgain.Max(),
            neverServed,
            LongestTransfer(attempts, from, to));
    }

    /// <summary>
    /// What a client that waits for each transfer sees: the longest time from a transfer's first send to its 200, over
    /// the transfers answered 200 in the window (one whose first try hung to the response timeout pays it, then the
    /// Retry-After).
    /// </summary>
    private static double LongestTransfer(IReadOnlyList<Attempt> attempts, double from, double to) =>
        attempts.GroupBy(a => a.Key)
            .Select(g => (First: g.Min(a => a.SentAt), Done: g.Where(a => a.Succeeded).Select(a => a.AnsweredAt).DefaultIfEmpty(double.NaN).Min()))
            .Where(t => t.Done > from && t.Done <= to)
            .Select(t => t.Done - t.First)
            .DefaultIfEmpty(double.NaN)
            .Max();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
