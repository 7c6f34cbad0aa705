namespace Bank.Grains;

/// <summary>The grain storage names the bank's grains use.</summary>
public static class BankStorage
{
    /// <summary>"bank": customers and statement segments, stored as plain JSON.</summary>
    public const string Name = "bank";

    /// <summary>
    /// "bank-tx": the Orleans transactional state of accounts and transfers. Its rows hold Orleans' transaction
    /// records (pending states, commit records naming grain references), so they keep Orleans' own JSON serializer.
    /// </summary>
    public const string Transactions = "bank-tx";
}
