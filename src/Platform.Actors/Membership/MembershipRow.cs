namespace Platform.Actors.Membership;

/// <summary>A membership entry as read, with the ETag a conditional update of it must carry.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="ETag">The row's version.</param>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);
