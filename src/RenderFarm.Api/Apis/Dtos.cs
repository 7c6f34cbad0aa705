namespace RenderFarm.Api.Apis;

/// <summary>A job to render; omitted fields take the defaults in <see cref="JobLimits"/>.</summary>
public sealed record SubmitJobRequest(
    Guid? Id, string? Name, int? Frames, int? Width, int? Height, int? Iterations, int? Priority, int? LeaseSeconds);

/// <summary>A token to issue.</summary>
public sealed record IssueTokenRequest(string? Subject, string? Role);

/// <summary>An issued token: the secret is shown this once.</summary>
public sealed record IssuedToken(Guid Id, string Token, string Subject, string Role);

/// <summary>A job in a list.</summary>
public sealed record JobSummary(Guid Id, string Name, string Owner, string Phase, int Frames, int Done, int Priority);
