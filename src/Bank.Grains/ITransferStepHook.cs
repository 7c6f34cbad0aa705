namespace Bank.Grains;

/// <summary>Where a transfer can be made to crash, for tests.</summary>
public enum TransferStep
{
    /// <summary>Inside the transaction, right after the debit: the transaction aborts.</summary>
    Debited,

    /// <summary>After the transaction committed and before the caller is answered: the caller sees a failure.</summary>
    Committed,
}

/// <summary>Called by a transfer at each <see cref="TransferStep"/>. Production registers none; tests crash transfers with it.</summary>
public interface ITransferStepHook
{
    /// <summary>Throw to simulate a crash at <paramref name="step"/>.</summary>
    Task OnStepAsync(string transferId, TransferStep step);
}
