using System.Collections.Concurrent;
using System.Globalization;
using Platform.Tests.Shared;

namespace Failover.Bench;

/// <summary>
/// The steady background of transfers: one loop per teller, 0.01 at a time, every account named in turn as the source
/// and a random other as the destination, each transfer under its own Idempotency-Key. A transfer that was not answered
/// 200 is retried with the same key after the Retry-After (or 200 ms), but the loop does not wait for it: it sends the
/// next due retry or a new transfer, so accounts on live silos keep being served while others are unreachable.
/// </summary>
internal sealed class TransferLoad(IReadOnlyList<BankClient> tellers, IReadOnlyList<string> accounts)
{
    private static readonly TimeSpan NoAnswerRetry = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly double[] _lastSuccess = new double[accounts.Count];
    private readonly ConcurrentBag<Transfer> _unanswered = [];
    private long _sent;

    public IReadOnlyList<Attempt> Attempts => [.. _attempts];

    /// <summary>How many transfers had no 200 yet when the loops stopped.</summary>
    public int UnansweredCount => _unanswered.Count;

    /// <summary>The answers that were neither 200 nor 503, as they came: bugs, printed loudly.</summary>
    public ConcurrentQueue<string> Others { get; } = new();

    /// <summary>Whether every account had a transfer answered 200 after <paramref name="time"/>.</summary>
    public bool AllServedAfter(double time)
    {
        for (var i = 0; i < _lastSuccess.Length; i++)
        {
            if (Volatile.Read(ref _lastSuccess[i]) <= time)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Runs until <paramref name="stop"/>; transfers still unanswered then are kept for <see cref="SettleAsync"/>.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(tellers.Select((_, i) => Task.Run(() => LoopAsync(i, stop), CancellationToken.None)));

    /// <summary>Sends every unanswered transfer again, same teller and key, until it is answered 200. Returns those that never were.</summary>
    public async Task<IReadOnlyList<string>> SettleAsync()
    {
        var failed = new List<string>();
        foreach (var transfer in _unanswered)
        {
            var status = 0;
            for (var attempt = 0; attempt < 120 && status != 200; attempt++)
            {
                status = await SendAsync(transfer);
                if (status != 200)
                {
                    await Task.Delay(500);
                }
            }

            if (status != 200)
            {
                failed.Add($"{transfer.Key} (teller {transfer.Teller}): last answer {status}");
            }
        }

        return failed;
    }

    private async Task LoopAsync(int teller, CancellationToken stop)
    {
        var retries = new PriorityQueue<Transfer, double>();
        var random = new Random(teller);
        while (!stop.IsCancellationRequested)
        {
            Transfer transfer;
            if (retries.TryPeek(out var due, out var at) && at <= Clock.Now)
            {
                transfer = retries.Dequeue();
            }
            else
            {
                var n = Interlocked.Increment(ref _sent);
                var from = (int)(n % accounts.Count);
                var to = (from + 1 + random.Next(accounts.Count - 1)) % accounts.Count;
                transfer = new Transfer(teller, "t" + n.ToString(CultureInfo.InvariantCulture), from, to);
            }

            var status = await SendAsync(transfer);
            if (status != 200)
            {
                retries.Enqueue(transfer, Clock.Now + transfer.RetryAfter.TotalSeconds);
            }
        }

        foreach (var (transfer, _) in retries.UnorderedItems)
        {
            _unanswered.Add(transfer);
        }
    }

    private async Task<int> SendAsync(Transfer transfer)
    {
        var sentAt = Clock.Now;
        int status;
        try
        {
            using var response = await tellers[transfer.Teller].SendRawAsync(
                HttpMethod.Post, "/transfers", new { from = accounts[transfer.From], to = accounts[transfer.To], amount = "0.01" }, transfer.Key);
            status = (int)response.StatusCode;
            transfer.RetryAfter = response.Headers.RetryAfter?.Delta ?? NoAnswerRetry;
            if (status is not (200 or 503))
            {
                var other = $"POST /transfers {transfer.Key} answered {status} at +{Clock.Now:F1} s: {await response.Content.ReadAsStringAsync()}";
                Others.Enqueue(other);
                Console.WriteLine("!!! BUG: " + other);
            }
        }
        catch (TaskCanceledException)
        {
            // HttpClient.Timeout: the API did not answer in time, which it must never do (it answers 503 instead).
            status = Attempt.Hung;
            transfer.RetryAfter = NoAnswerRetry;
        }
        catch (HttpRequestException)
        {
            status = Attempt.ConnectionFailed;
            transfer.RetryAfter = NoAnswerRetry;
        }

        var answeredAt = Clock.Now;
        if (status == 200)
        {
            Volatile.Write(ref _lastSuccess[transfer.From], answeredAt);
            Volatile.Write(ref _lastSuccess[transfer.To], answeredAt);
        }

        _attempts.Enqueue(new Attempt(transfer.Teller + "/" + transfer.Key, transfer.From, transfer.To, sentAt, answeredAt, status));
        return status;
    }

    /// <summary>A transfer one teller sent: its key is the teller's, so a retry goes out under the same teller.</summary>
    private sealed record Transfer(int Teller, string Key, int From, int To)
    {
        public TimeSpan RetryAfter { get; set; }
    }
}
