namespace Bank.Contracts;

/// <summary>What an account operation did.</summary>
[GenerateSerializer, Alias("bank.AccountOutcome")]
public enum AccountOutcome
{
    /// <summary>Applied now.</summary>
    Applied = 0,

    /// <summary>Applied earlier under the same operation id; nothing changed now.</summary>
    AlreadyApplied = 1,

    /// <summary>The account was never opened.</summary>
    NotFound = 2,

    /// <summary>The operation's currency is not the account's.</summary>
    CurrencyMismatch = 3,

    /// <summary>The balance is lower than the amount.</summary>
    InsufficientFunds = 4,

    /// <summary>The amount is above the account's single-operation limit.</summary>
    LimitExceeded = 5,

    /// <summary>The amount is not positive.</summary>
    InvalidAmount = 6,

    /// <summary>The account exists with another owner or currency.</summary>
    Conflict = 7,

    /// <summary>The operation id was used before with a different amount; nothing was done.</summary>
    KeyReused = 8,

    /// <summary>
    /// The transfer step was issued before the account's retention horizon: the account no longer remembers that far
    /// back, so it cannot tell whether the step was applied already and did nothing. The transfer needs an operator.
    /// </summary>
    Expired = 9,
}
