using System.Globalization;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestrator;

// The environment contract of DESIGN.md, computed for one replica at each start.
internal static class EnvironmentBuilder
{
    public static (Dictionary<string, string> Environment, HashSet<string> Secrets) Build(
        IResource resource, int replica, string instanceId, DistributedApplicationOptions options, IHostEnvironment hostEnvironment)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().ToList();

        if (resource is ProjectResource)
        {
            var urls = endpoints
                .Where(e => e.Scheme is "http" or "https" && e.ReplicaPorts.Count > replica)
                .Select(e => FormattableString.Invariant($"{e.Scheme}://127.0.0.1:{e.ReplicaPorts[replica]}"))
                .ToList();
            if (urls.Count > 0)
            {
                env["ASPNETCORE_URLS"] = string.Join(';', urls);
            }

            env["ASPNETCORE_ENVIRONMENT"] = hostEnvironment.EnvironmentName;
            env["DOTNET_ENVIRONMENT"] = hostEnvironment.EnvironmentName;
        }

        foreach (var endpoint in endpoints.Where(e => e.TargetPortEnvironmentVariable is not null && e.ReplicaPorts.Count > replica))
        {
            env[endpoint.TargetPortEnvironmentVariable!] = endpoint.ReplicaPorts[replica].ToString(CultureInfo.InvariantCulture);
        }

        AddTelemetry(env, secrets, resource.Name, instanceId, options, hostEnvironment);

        foreach (var reference in resource.Annotations.OfType<ResourceReferenceAnnotation>())
        {
            switch (reference.Resource)
            {
                case IResourceWithConnectionString withConnectionString:
                    var name = "ConnectionStrings__" + (reference.ConnectionName ?? reference.Resource.Name);
                    env[name] = withConnectionString.GetConnectionString()
                                ?? throw new InvalidOperationException($"'{reference.Resource.Name}' has no connection string yet.");
                    secrets.Add(name);
                    break;
                case IResourceWithServiceDiscovery:
                    foreach (var endpoint in reference.Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.Url is not null))
                    {
                        env[$"services__{reference.Resource.Name}__{endpoint.Name}__0"] = endpoint.Url!;
                    }

                    break;
            }
        }

        foreach (var variable in resource.Annotations.OfType<EnvironmentAnnotation>())
        {
            env[variable.Name] = variable.Value();
            if (variable.IsSecret)
            {
                secrets.Add(variable.Name);
            }
            else
            {
                secrets.Remove(variable.Name);
            }
        }

        return (env, secrets);
    }

    private static void AddTelemetry(Dictionary<string, string> env, HashSet<string> secrets, string name, string instanceId, DistributedApplicationOptions options, IHostEnvironment hostEnvironment)
    {
        env["OTEL_SERVICE_NAME"] = name;
        env["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=" + instanceId;
        if (hostEnvironment.IsDevelopment())
        {
            // Export within a second so the dashboard feels live; production keeps the SDK defaults.
            env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }

        if (options.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            if (options.OtlpApiKey is { Length: > 0 } key)
            {
                env["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=" + key;
                secrets.Add("OTEL_EXPORTER_OTLP_HEADERS");
            }
        }
    }
}
