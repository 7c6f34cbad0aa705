namespace Bank.Grains;

/// <summary>The grain storage name the bank's grains use (register it with AddPostgreSqlGrainStorage).</summary>
public static class BankStorage
{
    /// <summary>"bank".</summary>
    public const string Name = "bank";
}
