namespace Platform.Actors.Membership;

/// <summary>One silo's vote that another silo is unreachable.</summary>
/// <param name="Suspecter">The silo that voted.</param>
/// <param name="At">When it voted.</param>
public sealed record SuspectVote(SiloAddress Suspecter, DateTimeOffset At);
