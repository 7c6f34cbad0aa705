using Bank.Contracts;

namespace Bank.Grains;

/// <summary>An account as stored (JSON in PostgreSQL). <see cref="Operations"/> records the outcome of every operation id, so a repeat returns it.</summary>
[GenerateSerializer, Alias("bank.AccountState")]
internal sealed class AccountState
{
    /// <summary>Null until the account is opened.</summary>
    [Id(0)]
    public string? OwnerId { get; set; }

    [Id(1)]
    public string Currency { get; set; } = "";

    [Id(2)]
    public long BalanceMinor { get; set; }

    /// <summary>Grows by one with every durable change.</summary>
    [Id(3)]
    public long Version { get; set; }

    [Id(4)]
    public long SingleOperationLimitMinor { get; set; }

    [Id(5)]
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Operation or transfer id (prefixed by the step) → outcome. Rejections stick as well as successes.</summary>
    [Id(6)]
    public Dictionary<string, AccountOutcome> Operations { get; set; } = [];

    /// <summary>The signed amount each operation id was recorded with, so a repeat with another amount is told apart.</summary>
    [Id(7)]
    public Dictionary<string, long> OperationAmounts { get; set; } = [];

    /// <summary>When each operation was issued (a transfer step: when its transfer was created); records older than the retention are forgotten.</summary>
    [Id(8)]
    public Dictionary<string, DateTimeOffset> OperationTimes { get; set; } = [];

    /// <summary>The newest issue time of a forgotten record: a step issued at or before it may have been applied and forgotten.</summary>
    [Id(9)]
    public DateTimeOffset? ForgottenBefore { get; set; }

    /// <summary>When old operation records were last looked for.</summary>
    [Id(10)]
    public DateTimeOffset LastPrunedAt { get; set; }

    /// <summary>Entries per statement segment, fixed when the first segment is written (0 until then).</summary>
    [Id(11)]
    public int StatementSegmentSize { get; set; }

    /// <summary>How many of the oldest entries live in statement segments (a whole number of segments).</summary>
    [Id(12)]
    public long ArchivedEntries { get; set; }

    /// <summary>The newest entries, in sequence order; the first has sequence <see cref="ArchivedEntries"/> + 1.</summary>
    [Id(13)]
    public List<AccountEntry> Entries { get; set; } = [];
}
