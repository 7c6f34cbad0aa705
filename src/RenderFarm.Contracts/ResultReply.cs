namespace RenderFarm.Contracts;

/// <summary>The store's answer to a result, with the coordinator's logical clock for the worker to witness.</summary>
[GenerateSerializer, Alias("farm.ResultReply")]
public sealed record ResultReply([property: Id(0)] ResultOutcome Outcome, [property: Id(1)] long Lamport);
