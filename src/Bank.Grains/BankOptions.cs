namespace Bank.Grains;

/// <summary>Options of the bank's grains (configuration section <c>Bank</c>).</summary>
public sealed class BankOptions
{
    /// <summary>How often an unfinished transfer is resumed by its reminder. Default 1 minute.</summary>
    public TimeSpan TransferResumePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest single debit or credit an account accepts, in minor units. Default 1,000,000,00 (a million in a 2-digit currency).</summary>
    public long SingleOperationLimitMinor { get; set; } = 100_000_000;

    /// <summary>
    /// Entries per statement segment. An account keeps between one and two segments' worth of its newest entries in its
    /// own state and moves older ones, a full segment at a time, into immutable segments. Default 256.
    /// </summary>
    public int StatementSegmentSize { get; set; } = 256;

    /// <summary>
    /// How long an account remembers an operation id (and so how long an <c>Idempotency-Key</c> of a deposit or
    /// withdrawal holds). A transfer that cannot finish within it stops and asks for an operator rather than risk
    /// applying a forgotten step twice. Default 30 days.
    /// </summary>
    public TimeSpan OperationRetention { get; set; } = TimeSpan.FromDays(30);
}
