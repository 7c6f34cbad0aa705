using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting;

/// <summary>Adds parameters: values from configuration, or generated secrets.</summary>
public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// Adds a parameter whose value is configuration <c>Parameters:{name}</c>. A secret without a configured value is
    /// generated once per run; a plain parameter without one fails the start with a message naming the key to set.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var configuration = builder.Configuration;
        var parameter = new ParameterResource(name, () => configuration[$"Parameters:{name}"] switch
        {
            { Length: > 0 } configured => configured,
            _ when secret => Secrets.NewPassword(),
            _ => throw new DistributedApplicationException($"Parameter '{name}' has no value: set configuration key 'Parameters:{name}' (appsettings, user secrets, or environment variable Parameters__{name})."),
        }, secret);
        return builder.AddResource(parameter);
    }

    internal static ParameterResource CreateGeneratedPassword(IDistributedApplicationBuilder builder, string name)
    {
        var configuration = builder.Configuration;
        return new ParameterResource(name, () => configuration[$"Parameters:{name}"] is { Length: > 0 } configured ? configured : Secrets.NewPassword(), secret: true);
    }
}
