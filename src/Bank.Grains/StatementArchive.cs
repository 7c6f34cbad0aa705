using Bank.Contracts;
using Orleans.Storage;

namespace Bank.Grains;

/// <summary>
/// Full pages ("segments") of an account's older entries, stored beside the account's state in the bank storage under
/// the state names <c>statement-0</c>, <c>statement-1</c>, … A segment never changes once the account's trim after it
/// committed, so the account's own state (and each of its commits) stays bounded however long its history grows.
/// </summary>
internal sealed class StatementArchive(IGrainStorage storage)
{
    /// <summary>
    /// Stores segment <paramref name="segment"/>, replacing one an earlier attempt stored: that attempt's transaction
    /// aborted before the account's trim committed, so nothing reads it, and the entries now given are the ones that count.
    /// </summary>
    public async Task StoreAsync(GrainId account, long segment, List<AccountEntry> entries)
    {
        var state = new GrainState<List<AccountEntry>>([]);
        await storage.ReadStateAsync(StateName(segment), account, state);
        state.State = entries;
        await storage.WriteStateAsync(StateName(segment), account, state);
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
