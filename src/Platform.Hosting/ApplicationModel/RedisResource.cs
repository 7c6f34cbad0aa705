using Platform.Hosting.Servers;

namespace Platform.Hosting.ApplicationModel;

/// <summary>A Redis server run from the OS's <c>redis-server</c> on a loopback port with a generated password.</summary>
/// <param name="name">The resource name.</param>
/// <param name="password">The password parameter.</param>
public sealed class RedisResource(string name, ParameterResource password) : Resource(name), IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The name of the endpoint Redis listens on.</summary>
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The password clients send with AUTH.</summary>
    public ParameterResource Password { get; } = password;

    /// <summary>The endpoint Redis listens on.</summary>
    public EndpointAnnotation PrimaryEndpoint => Annotations.OfType<EndpointAnnotation>().First(e => e.Name == PrimaryEndpointName);

    /// <inheritdoc />
    /// <remarks>The contract's format: <c>127.0.0.1:{port},password={password}</c>.</remarks>
    public string? GetConnectionString()
        => PrimaryEndpoint.AllocatedPort is { } port ? RedisRecipe.GetConnectionString(port, Password.Value) : null;
}
