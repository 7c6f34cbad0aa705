namespace Bank.Contracts;

/// <summary>The Redis key and channel names shared by the silo (writer) and the API (reader). Redis holds only what may be lost.</summary>
public static class BankRedisKeys
{
    /// <summary>The cached <see cref="AccountSnapshot"/> (a hash with <c>version</c> and <c>json</c>).</summary>
    public static string Account(string accountId) => "bank:account:" + accountId;

    /// <summary>A cached statement page; the version in the key makes it immutable.</summary>
    public static string Statement(string accountId, long version, int page, int pageSize) =>
        $"bank:statement:{accountId}:{version}:{page}:{pageSize}";

    /// <summary>The pub/sub channel of one account's <see cref="AccountEvent"/>s.</summary>
    public static string Events(string accountId) => "bank:events:" + accountId;
}
