using Bank.Contracts;

namespace Bank.Grains;

/// <summary>
/// An account's side of a transfer: called only by a <see cref="ITransferGrain"/>, inside its transaction, so a step
/// needs no id of its own: the transfer's record commits with it or not at all.
/// </summary>
[Alias("bank.ITransferParticipant")]
public interface ITransferParticipant : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="amountMinor"/> from this account if it allows it; otherwise changes nothing and says why.</summary>
    [Transaction(TransactionOption.Join)]
    Task<AccountChange> DebitAsync(string transferId, long amountMinor, string currency, string counterparty);

    /// <summary>Adds <paramref name="amountMinor"/> to this account if it allows it; otherwise changes nothing and says why.</summary>
    [Transaction(TransactionOption.Join)]
    Task<AccountChange> CreditAsync(string transferId, long amountMinor, string currency, string counterparty);

    /// <summary>The account as this transaction sees it (null when never opened).</summary>
    [Transaction(TransactionOption.Join)]
    Task<AccountSnapshot?> ReadAsync();

    /// <summary>Moves a full segment of old entries out of the account's state when two are hot (outside any transaction).</summary>
    Task CompactAsync();
}

/// <summary>What an account operation did inside its transaction, and what to announce once that commits.</summary>
/// <param name="Outcome">The operation's outcome.</param>
/// <param name="Account">The account after it (null when never opened).</param>
/// <param name="Entry">The entry it appended, when it changed the account.</param>
/// <param name="CompactionDue">True when the account holds two segments of hot entries and should move one out.</param>
[GenerateSerializer, Alias("bank.AccountChange")]
public sealed record AccountChange(
    [property: Id(0)] AccountOutcome Outcome,
    [property: Id(1)] AccountSnapshot? Account,
    [property: Id(2)] AccountEntry? Entry,
    [property: Id(3)] bool CompactionDue)
{
    /// <summary>The caller's view: the outcome and the account.</summary>
    public AccountResult Result => new(Outcome, Account);
}
