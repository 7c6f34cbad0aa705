namespace Platform.Actors.Tests.Storage;

/// <summary>An immutable record without a parameterless constructor: a default instance must still be made for a grain with no stored state.</summary>
public sealed record AccountState(string Owner, decimal Balance);
