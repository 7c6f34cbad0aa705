namespace ServiceDefaults.Telemetry;

/// <summary>Registered by <c>ConfigureOpenTelemetry</c> so a repeated call does not add a second set of exporters.</summary>
internal sealed class OpenTelemetryMarker;
