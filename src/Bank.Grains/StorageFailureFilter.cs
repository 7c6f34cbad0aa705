using System.Data.Common;
using System.Net.Sockets;
using Bank.Contracts;

namespace Bank.Grains;

/// <summary>
/// Turns a failure of the bank's database, raised anywhere in a bank grain's call, into a
/// <see cref="BankUnavailableException"/>: the driver's exceptions cannot be serialized to the caller (they would
/// arrive as a codec error), and the caller needs to know only that the outcome is unknown and the call retryable.
/// </summary>
internal sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (context.Grain is AccountGrain or TransferGrain or CustomerGrain && Cause(e) is { } cause)
        {
            throw new BankUnavailableException(
                $"The bank's storage failed during {context.InterfaceName}.{context.MethodName} ({cause.GetType().Name}: {cause.Message}). " +
                "The outcome is unknown: retry with the same operation id.");
        }
    }

    private static Exception? Cause(Exception e) => e switch
    {
        DbException or SocketException or IOException => e,
        { InnerException: { } inner } => Cause(inner),
        _ => null,
    };
}
