using Bank.Contracts;
using Bank.Grains;

namespace Bank.Tests.Infrastructure;

/// <summary>Crashes each transfer once, right after <paramref name="at"/> is durable and before the next step.</summary>
public sealed class CrashOnceHook(TransferStatus at) : ITransferStepHook
{
    private readonly HashSet<string> _crashed = [];

    public int Crashes { get { lock (_crashed) { return _crashed.Count; } } }

    public Task OnPersistedAsync(string transferId, TransferStatus status)
    {
        lock (_crashed)
        {
            if (status == at && _crashed.Add(transferId))
            {
                throw new IOException($"Simulated crash of transfer '{transferId}' after {status} was persisted.");
            }
        }

        return Task.CompletedTask;
    }
}
