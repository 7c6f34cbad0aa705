namespace Platform.Actors;

/// <summary>Why an activation is being deactivated, with a human-readable description.</summary>
/// <param name="Code">The reason code.</param>
/// <param name="Description">A description for logs.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);
