namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Activity and meter listeners are process-wide, so telemetry tests run alone: spans of other
/// tests' servers would otherwise reach their collector.
/// </summary>
[CollectionDefinition(nameof(TelemetryIsolation), DisableParallelization = true)]
public sealed class TelemetryIsolation;
