namespace RenderFarm.Api.Apis;

/// <summary>A job to render; omitted fields take the defaults in <see cref="JobLimits"/>.</summary>
public sealed record SubmitJobRequest(
    Guid? Id, string? Name, int? Frames, int? Width, int? Height, int? Iterations, int? Priority, int? LeaseSeconds);

/// <summary>A token to issue.</summary>
/// <summary>A job in a list.</summary>
public sealed record JobSummary(Guid Id, string Name, string Owner, string Phase, int Frames, int Done, int Priority);
