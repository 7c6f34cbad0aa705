namespace Platform.Actors.Membership;

/// <summary>A consistent snapshot of the membership table: rows and table version read together.</summary>
/// <param name="Rows">The rows (all, or the one asked for).</param>
/// <param name="Version">The table version at the time of the read.</param>
public sealed record MembershipTableData(IReadOnlyList<MembershipRow> Rows, TableVersion Version);
