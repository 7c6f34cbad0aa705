using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// The manifest read the way azd reads it for Azure Container Apps (its documented <c>azd infra synth</c> behaviour):
/// which resource types it deploys, how bindings become an ingress plus additional port mappings, how
/// <c>{resource.property}</c> expressions resolve, and which environment values become container app secrets. The
/// result is what each container app template must say.
/// </summary>
internal sealed partial class AzdManifest
{
    /// <summary>The resource types azd's Aspire support accepts.</summary>
    public static readonly IReadOnlySet<string> AcceptedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "project.v0", "project.v1", "container.v0", "container.v1", "dockerfile.v0", "parameter.v0", "value.v0", "azure.bicep.v0", "azure.bicep.v1",
    };

    /// <summary>The types azd deploys as a container app (one template each).</summary>
    public static readonly IReadOnlySet<string> ContainerAppTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "project.v0", "project.v1", "container.v0", "container.v1", "dockerfile.v0",
    };

    /// <summary>Azure Container Apps allows at most this many additional port mappings per app.</summary>
    public const int MaxAdditionalPorts = 5;

    private readonly JsonObject _resources;
    private readonly Dictionary<string, Ingress?> _ingress = new(StringComparer.Ordinal);

    public AzdManifest(JsonObject resources)
    {
        _resources = resources;
        foreach (var (name, resource) in resources)
        {
            var type = TypeOf(resource);
            if (!AcceptedTypes.Contains(type))
            {
                Problems.Add($"Manifest resource '{name}' is a {type}, which azd rejects: publish it as a container, project or parameter.");
            }

            if (ContainerAppTypes.Contains(type))
            {
                _ingress[name] = BuildIngress(name, resource!);
            }
        }

        foreach (var name in _ingress.Keys.Order(StringComparer.Ordinal))
        {
            Apps.Add(BuildApp(name, _resources[name]!));
        }
    }

    /// <summary>What azd itself would refuse in the manifest.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The container apps azd deploys, by resource name.</summary>
    public List<ExpectedContainerApp> Apps { get; } = [];

    /// <summary>The manifest's input parameters (parameter.v0 with an input), as main.bicep must declare them.</summary>
    public IEnumerable<ExpectedParameter> Parameters =>
        _resources.Where(resource => TypeOf(resource.Value) == "parameter.v0" && resource.Value!["inputs"]?["value"] is JsonObject)
            .Select(resource => ExpectedParameter.From(resource.Key, resource.Value!["inputs"]!["value"]!.AsObject()))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal);

    /// <summary>azd's Bicep parameter name for a manifest parameter: dashes become underscores.</summary>
    public static string BicepParameterName(string resourceName) => resourceName.Replace('-', '_');

    /// <summary>azd's container app secret name for an environment variable: lower case, '_' becomes '-'.</summary>
    public static string SecretName(string variable) =>
        SecretNameInvalid().Replace(variable.ToLowerInvariant().Replace('_', '-'), "").Trim('-', '.');

    /// <summary>azd's name of the output holding a container's volume store: SERVICE_{RESOURCE}_VOLUME_{VOLUME}_NAME.</summary>
    public static string VolumeOutputName(string resourceName, string volumeName) =>
        $"SERVICE_{SnakeUpper(resourceName)}_VOLUME_{SnakeUpper(volumeName.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal))}_NAME";

    /// <summary>azd's name of a container volume in a template: {resource}-{volume without dots and dashes}.</summary>
    public static string VolumeName(string resourceName, string volumeName) =>
        $"{resourceName.ToLowerInvariant()}-{volumeName.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).ToLowerInvariant()}";

    private static string SnakeUpper(string value) => NonAlphanumeric().Replace(value, "_").ToUpperInvariant();

    private static string TypeOf(JsonNode? resource) => resource?["type"]?.GetValue<string>() ?? "(no type)";

    [GeneratedRegex(@"\{(?<expression>[A-Za-z0-9][A-Za-z0-9\-_]*\.[^{}]+)\}")]
    private static partial Regex Expression();

    [GeneratedRegex("[^a-z0-9.-]")]
    private static partial Regex SecretNameInvalid();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonAlphanumeric();

    private ExpectedContainerApp BuildApp(string name, JsonNode resource)
    {
        var type = TypeOf(resource);
        var app = new ExpectedContainerApp(name, type, _ingress[name]);
        foreach (var (variable, value) in resource["env"]?.AsObject() ?? [])
        {
            var raw = value?.GetValue<string>() ?? "";
            var resolved = Evaluate(raw, $"{name}'s {variable}");
            var isSecret = variable.Contains("ConnectionStrings__", StringComparison.Ordinal)
                || raw.Contains(".connectionString}", StringComparison.Ordinal)
                || resolved.Contains("{{ securedParameter ", StringComparison.Ordinal);
            (isSecret ? app.Secrets : app.Environment)[variable] = resolved;
        }

        foreach (var argument in resource["args"]?.AsArray() ?? [])
        {
            var raw = argument?.GetValue<string>() ?? "";
            var resolved = Evaluate(raw, $"{name}'s arguments");
            if (raw.Contains(".connectionString}", StringComparison.Ordinal) || resolved.Contains("{{ securedParameter ", StringComparison.Ordinal))
            {
                Problems.Add($"'{name}' passes a secret as an argument, which azd refuses: hand it over as an environment variable.");
            }

            app.Arguments.Add(resolved);
        }

        app.Entrypoint = resource["entrypoint"]?.GetValue<string>();
        app.Image = resource["image"]?.GetValue<string>();
        foreach (var volume in resource["volumes"]?.AsArray() ?? [])
        {
            app.Volumes.Add(new ExpectedVolume(
                volume!["name"]!.GetValue<string>(), volume["target"]!.GetValue<string>(), volume["readOnly"]?.GetValue<bool>() ?? false));
        }

        if (resource["bindMounts"]?.AsArray() is { Count: > 0 })
        {
            Problems.Add($"'{name}' has bind mounts: a folder of this machine cannot be deployed; use a volume.");
        }

        return app;
    }

    private Ingress? BuildIngress(string name, JsonNode resource)
    {
        var bindings = (resource["bindings"]?.AsObject() ?? []).Select((binding, order) => new Binding(
                binding.Key,
                order,
                binding.Value!["scheme"]?.GetValue<string>() ?? "",
                binding.Value["transport"]?.GetValue<string>() ?? "",
                binding.Value["targetPort"]?.GetValue<int>(),
                binding.Value["port"]?.GetValue<int>(),
                binding.Value["external"]?.GetValue<bool>() ?? false))
            .ToList();
        if (bindings.Count == 0)
        {
            return null;
        }

        foreach (var binding in bindings.Where(binding => binding.Scheme is not ("http" or "https" or "tcp") || (binding.Scheme == "tcp" && binding.TargetPort is null)))
        {
            Problems.Add($"'{name}' binding '{binding.Name}' ({binding.Scheme}, target port {binding.TargetPort?.ToString(CultureInfo.InvariantCulture) ?? "none"}) is one azd cannot map to Container Apps.");
        }

        // azd groups the bindings by target port: one group is the app's ingress, every other one an additional port.
        var groups = bindings.GroupBy(binding => binding.TargetPort).Select(group => new PortGroup(group.ToList())).ToList();
        foreach (var group in groups.Where(group => group.External && !group.HttpOnly))
        {
            Problems.Add($"'{name}' exposes the non-HTTP port {group.Port} externally: azd rejects external non-HTTP(S) endpoints (make it internal).");
        }

        if (groups.Count(group => group.External) > 1)
        {
            Problems.Add($"'{name}' has more than one external port: azd supports one external endpoint per app.");
        }

        var http = groups.Where(group => group.HttpOnly).ToList();
        var main = http.Count == 1 ? http[0]
            : http.Count(group => group.External) == 1 ? http.Single(group => group.External)
            : http.Count > 1 ? http.MinBy(group => group.Bindings.Min(binding => binding.Order))!
            : groups.MinBy(group => group.Bindings.Min(binding => binding.Order))!;
        var isHttp = main.HttpOnly;
        var defaultPort = TypeOf(resource) == "container.v0" ? 80 : 8080;
        var targetPort = main.Port is { } port
            ? port.ToString(CultureInfo.InvariantCulture)
            : isHttp ? "{{ targetPort }}" : defaultPort.ToString(CultureInfo.InvariantCulture);
        var additional = groups.Where(group => group != main)
            .Select(group => new AdditionalPort(group.Port ?? defaultPort, false))
            .OrderBy(mapping => mapping.TargetPort)
            .ToList();
        if (additional.Count > MaxAdditionalPorts)
        {
            Problems.Add($"'{name}' needs {additional.Count} additional ports; Azure Container Apps allows {MaxAdditionalPorts} per app.");
        }

        return new Ingress(
            main.External,
            isHttp ? (main.Bindings.Any(binding => binding.Transport == "http2") ? "http2" : "http") : "tcp",
            targetPort,
            isHttp ? null : main.Bindings.Select(binding => binding.Port).FirstOrDefault(port => port is not null),
            isHttp && (!main.External || main.Bindings.Any(binding => binding.Transport == "http2")),
            additional,
            main.Bindings.Select(binding => binding.Name).ToHashSet(StringComparer.Ordinal),
            bindings.ToDictionary(binding => binding.Name, StringComparer.Ordinal));
    }

    /// <summary>Resolves every <c>{resource.property}</c> in <paramref name="value"/> as azd does for a template.</summary>
    private string Evaluate(string value, string where) =>
        Expression().Replace(value, match => EvaluateReference(match.Groups["expression"].Value, where));

    private string EvaluateReference(string expression, string where)
    {
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        var (resourceName, property) = (expression[..dot], expression[(dot + 1)..]);
        if (_resources[resourceName] is not { } resource)
        {
            Problems.Add($"{where} refers to '{resourceName}', which the manifest does not hold.");
            return expression;
        }

        var type = TypeOf(resource);
        if (property == "connectionString" && resource["connectionString"] is { } connectionString)
        {
            return Evaluate(connectionString.GetValue<string>(), $"{resourceName}'s connection string");
        }

        if (type == "value.v0" && property == "value" && resource["value"] is { } literal)
        {
            return Evaluate(literal.GetValue<string>(), $"{resourceName}'s value");
        }

        if (type == "parameter.v0" && property == "value")
        {
            var input = resource["inputs"]?["value"];
            var parameterName = BicepParameterName(resourceName);
            if (input?["secret"]?.GetValue<bool>() == true)
            {
                return $"{{{{ securedParameter \"{parameterName}\" }}}}";
            }

            return input?["default"]?["value"] is { } defaultValue
                ? $"{{{{ parameterWithDefault \"{parameterName}\" \"{defaultValue.GetValue<string>()}\" }}}}"
                : $"{{{{ parameter \"{parameterName}\" }}}}";
        }

        if (property.StartsWith("bindings.", StringComparison.Ordinal) && _ingress.TryGetValue(resourceName, out var ingress) && ingress is not null)
        {
            var parts = property["bindings.".Length..].Split('.');
            if (parts.Length == 2 && ingress.Bindings.TryGetValue(parts[0], out var binding))
            {
                return EvaluateBinding(resourceName, ingress, binding, parts[1], where);
            }
        }

        Problems.Add($"{where}: azd cannot resolve '{{{expression}}}' ({type}).");
        return expression;
    }

    private string EvaluateBinding(string resourceName, Ingress ingress, Binding binding, string property, string where)
    {
        var onMainHttp = ingress.MainBindings.Contains(binding.Name) && binding.Scheme is "http" or "https";
        var domain = (binding.External ? "" : "internal.") + "{{ .Env.AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN }}";
        var targetPort = binding.TargetPort?.ToString(CultureInfo.InvariantCulture) ?? "{{ targetPort }}";
        var port = onMainHttp
            ? (binding.Scheme == "http" ? "80" : "443")
            : binding.Port?.ToString(CultureInfo.InvariantCulture) ?? targetPort;
        switch (property)
        {
            case "scheme" or "transport":
                return binding.Scheme;
            case "protocol":
                return "tcp";
            case "external":
                return binding.External ? "true" : "false";
            case "targetPort":
                return targetPort;
            case "port":
                return port;
            case "host":
                return onMainHttp ? $"{resourceName}.{domain}" : resourceName;
            case "url":
                return onMainHttp ? $"{binding.Scheme}://{resourceName}.{domain}" : $"{binding.Scheme}://{resourceName}:{port}";
            default:
                Problems.Add($"{where}: azd cannot resolve binding property '{property}' of '{resourceName}'.");
                return property;
        }
    }

    internal sealed record Binding(string Name, int Order, string Scheme, string Transport, int? TargetPort, int? Port, bool External);

    private sealed class PortGroup(List<Binding> bindings)
    {
        public List<Binding> Bindings { get; } = bindings;

        public int? Port => Bindings.Select(binding => binding.TargetPort).FirstOrDefault(port => port is not null);

        public bool External => Bindings.Any(binding => binding.External);

        public bool HttpOnly => Bindings.All(binding => binding.Scheme is "http" or "https");
    }

    /// <summary>The ingress azd derives from a resource's bindings.</summary>
    internal sealed record Ingress(
        bool External,
        string Transport,
        string TargetPort,
        int? ExposedPort,
        bool AllowInsecure,
        IReadOnlyList<AdditionalPort> AdditionalPorts,
        IReadOnlySet<string> MainBindings,
        IReadOnlyDictionary<string, Binding> Bindings);
}

/// <summary>An additional TCP port mapping of a container app.</summary>
internal sealed record AdditionalPort(int TargetPort, bool External);

/// <summary>A container volume of the manifest.</summary>
internal sealed record ExpectedVolume(string Name, string Target, bool ReadOnly);

/// <summary>What one container app template must declare, derived from the manifest.</summary>
internal sealed class ExpectedContainerApp(string name, string type, AzdManifest.Ingress? ingress)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public AzdManifest.Ingress? Ingress { get; } = ingress;

    public bool IsProject => Type.StartsWith("project.", StringComparison.Ordinal);

    /// <summary>Plain environment values, resolved.</summary>
    public SortedDictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Environment values azd turns into container app secrets, resolved.</summary>
    public SortedDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public List<string> Arguments { get; } = [];

    public string? Entrypoint { get; set; }

    public string? Image { get; set; }

    public List<ExpectedVolume> Volumes { get; } = [];
}

/// <summary>A parameter of the manifest as main.bicep must declare it.</summary>
internal sealed record ExpectedParameter(string ResourceName, string Name, bool Secret, int? GeneratedLength, bool? NoSpecial)
{
    public static ExpectedParameter From(string resourceName, JsonObject input)
    {
        var generate = input["default"]?["generate"];
        int? length = null;
        bool? noSpecial = null;
        if (generate is not null)
        {
            var minimums = new[] { "minLower", "minUpper", "minNumeric", "minSpecial" }.Sum(key => generate[key]?.GetValue<int>() ?? 0);
            length = Math.Max(generate["minLength"]?.GetValue<int>() ?? 0, minimums);
            noSpecial = generate["special"] is { } special ? !special.GetValue<bool>() : null;
        }

        return new ExpectedParameter(resourceName, AzdManifest.BicepParameterName(resourceName), input["secret"]?.GetValue<bool>() ?? false, length, noSpecial);
    }
}
