namespace Bank.Grains;

/// <summary>Options of the bank's grains (configuration section <c>Bank</c>).</summary>
public sealed class BankOptions
{
    /// <summary>Largest single debit or credit an account accepts, in minor units. Default 1,000,000,00 (a million in a 2-digit currency).</summary>
    public long SingleOperationLimitMinor { get; set; } = 100_000_000;

    /// <summary>
    /// Entries per statement segment. An account keeps between one and two segments' worth of its newest entries in its
    /// own state and moves older ones, a full segment at a time, into immutable segments. Default 256.
    /// </summary>
    public int StatementSegmentSize { get; set; } = 256;

    /// <summary>
    /// How long an account remembers an operation id, and so how long an <c>Idempotency-Key</c> of a deposit or
    /// withdrawal holds (a transfer's key holds for ever: its record is its own grain's state). Default 30 days.
    /// </summary>
    public TimeSpan OperationRetention { get; set; } = TimeSpan.FromDays(30);
}
