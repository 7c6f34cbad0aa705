namespace Failover.Bench;

/// <summary>
/// One POST /transfers: its teller's key, which accounts it named (indexes), when it was sent and answered (<see cref="Clock"/>), and
/// the HTTP status, or <see cref="Hung"/> / <see cref="ConnectionFailed"/> when there was no answer.
/// </summary>
internal sealed record Attempt(string Key, int From, int To, double SentAt, double AnsweredAt, int Status)
{
    public const int Hung = 0;
    public const int ConnectionFailed = -1;

    public bool Succeeded => Status == 200;

    public bool Unavailable => Status == 503;

    /// <summary>Anything but 200, 503 or no answer in time: a bug in the API's failure handling.</summary>
    public bool IsOther => Status is not (200 or 503 or Hung);

    public bool Involves(int account) => From == account || To == account;
}
