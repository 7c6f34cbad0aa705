namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>A metric instrument as described by its sender.</summary>
/// <param name="Scope">The instrumentation scope (the Meter name in .NET).</param>
/// <param name="Name">The instrument name.</param>
/// <param name="Description">The description, possibly empty.</param>
/// <param name="Unit">The unit, e.g. <c>ms</c> or <c>{request}</c>, possibly empty.</param>
/// <param name="Type">Gauge, Counter, UpDownCounter, Histogram, ExponentialHistogram or Summary.</param>
public sealed record MetricInstrument(string Scope, string Name, string Description, string Unit, string Type);
