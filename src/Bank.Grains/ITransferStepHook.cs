using Bank.Contracts;

namespace Bank.Grains;

/// <summary>
/// Called by a transfer after each status is durable and before the next step is taken. Production registers none;
/// tests use it to crash a transfer between steps.
/// </summary>
public interface ITransferStepHook
{
    /// <summary>Throw to simulate a crash after <paramref name="status"/> was persisted.</summary>
    Task OnPersistedAsync(string transferId, TransferStatus status);
}
