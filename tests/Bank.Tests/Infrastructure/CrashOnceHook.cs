using Bank.Grains;

namespace Bank.Tests.Infrastructure;

/// <summary>Crashes each transfer once, at <paramref name="at"/>.</summary>
public sealed class CrashOnceHook(TransferStep at) : ITransferStepHook
{
    private readonly HashSet<string> _crashed = [];

    public int Crashes { get { lock (_crashed) { return _crashed.Count; } } }

    public Task OnStepAsync(string transferId, TransferStep step)
    {
        lock (_crashed)
        {
            if (step == at && _crashed.Add(transferId))
            {
                throw new IOException($"Simulated crash of transfer '{transferId}' at {step}.");
            }
        }

        return Task.CompletedTask;
    }
}
