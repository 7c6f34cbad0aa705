namespace Bank.Contracts;

/// <summary>The outcome of an account operation and the account as it is after it.</summary>
[GenerateSerializer, Alias("bank.AccountResult")]
public sealed record AccountResult(
    [property: Id(0)] AccountOutcome Outcome,
    [property: Id(1)] AccountSnapshot? Account)
{
    /// <summary>True when the operation changed the account now or had changed it before.</summary>
    public bool Succeeded => Outcome is AccountOutcome.Applied or AccountOutcome.AlreadyApplied;
}
