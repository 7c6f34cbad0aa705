using Bank.Contracts;
using Orleans.Storage;

namespace Bank.Grains;

/// <summary>
/// Full pages ("segments") of an account's older entries, stored beside the account's state in the bank storage under
/// the state names <c>statement-0</c>, <c>statement-1</c>, … Segments are written once and never change, so the account's
/// own state (and each of its writes) stays bounded however long its history grows.
/// </summary>
internal sealed class StatementArchive(IGrainStorage storage)
{
    /// <summary>Stores segment <paramref name="segment"/>; one that already exists (an earlier attempt got this far) is kept as it is.</summary>
    public async Task StoreAsync(GrainId account, long segment, List<AccountEntry> entries)
    {
        try
        {
            await storage.WriteStateAsync(StateName(segment), account, new GrainState<List<AccountEntry>>(entries));
        }
        catch (InconsistentStateException)
        {
            // A null ETag writes only a new row, so the segment is already there: the same entries (sequences never
            // change once durable), stored by an attempt that crashed before trimming the account.
        }
    }

    /// <summary>Reads segment <paramref name="segment"/>; its entries in sequence order.</summary>
    public async Task<List<AccountEntry>> ReadAsync(GrainId account, long segment)
    {
        var state = new GrainState<List<AccountEntry>>([]);
        await storage.ReadStateAsync(StateName(segment), account, state);
        return state is { RecordExists: true, State: { } entries }
            ? entries
            : throw new InvalidOperationException($"Statement segment {segment} of account grain '{account}' is missing from the bank storage.");
    }

    private static string StateName(long segment) => "statement-" + segment.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
