namespace Platform.Hosting.Dashboard.Telemetry;

/// <summary>The process that sent telemetry, identified by <c>service.name</c> and <c>service.instance.id</c>.</summary>
/// <param name="Name">The <c>service.name</c> resource attribute (<c>unknown_service</c> when absent).</param>
/// <param name="InstanceId">The <c>service.instance.id</c> resource attribute, or null.</param>
/// <param name="Attributes">Every resource attribute as received.</param>
public sealed record TelemetryResource(string Name, string? InstanceId, IReadOnlyList<TelemetryTag> Attributes)
{
    /// <summary>Gets the identity used in filters and URLs: the name, followed by <c>@</c> and the instance id when there is one.</summary>
    public string Key => InstanceId is null ? Name : Name + "@" + InstanceId;
}
