namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Redis server run by the AppHost from the OS's <c>redis-server</c>, on 127.0.0.1 with a password.
/// Its connection string has the format of Aspire's own Redis resource: <c>{host}:{port},password={password}</c>.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The <c>redis-server</c> program.</param>
/// <param name="workingDirectory">Where it runs and keeps its configuration file.</param>
/// <param name="password">The password clients authenticate with.</param>
public sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>The password clients authenticate with.</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint => field ??= new EndpointReference(this, PrimaryEndpointName);

    /// <summary><c>{host}:{port},password={password}</c>, as <c>Aspire.StackExchange.Redis</c> expects.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");
}
