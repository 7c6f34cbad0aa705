namespace Bank.Contracts;

/// <summary>
/// The bank's storage did not answer or failed, so the operation's outcome is not known: retry it with the same
/// operation id (Idempotency-Key). Thrown by grains in place of the storage driver's own exceptions, which cannot
/// cross the wire to a caller.
/// </summary>
[GenerateSerializer, Alias("bank.BankUnavailableException")]
public sealed class BankUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BankUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BankUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BankUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
