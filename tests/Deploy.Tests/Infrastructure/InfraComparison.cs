using System.Globalization;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// Compares what the published manifest and model require with what <c>infra/</c> and the container app templates
/// declare, and lists every difference as a sentence saying what to add, change or remove (with a whole template to
/// start from when one is missing).
/// </summary>
internal static class InfraComparison
{
    /// <summary>Values azd itself puts in a template's <c>.Env</c>, besides main.bicep's outputs.</summary>
    private static readonly HashSet<string> AzdEnvironment = new(StringComparer.Ordinal)
    {
        "AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_SUBSCRIPTION_ID", "AZURE_TENANT_ID", "AZURE_PRINCIPAL_ID", "AZURE_RESOURCE_GROUP",
    };

    /// <summary>main.bicep's own parameters, which no manifest resource declares.</summary>
    private static readonly HashSet<string> AzdParameters = new(StringComparer.Ordinal) { "environmentName", "location", "principalId" };

    public static List<string> Compare(AzdManifest manifest, AppModelFacts model, InfraFolder infra)
    {
        var problems = new List<string>(manifest.Problems);
        foreach (var app in manifest.Apps)
        {
            if (!infra.Templates.TryGetValue(app.Name, out var template))
            {
                problems.Add(
                    $"The manifest deploys '{app.Name}' ({app.Type}) but AppHost/infra/{app.Name}.tmpl.yaml does not exist. azd would generate one without " +
                    $"probes or scale rules; write it, starting from this (then set resources and scale):\n{TemplateSketch.Write(app, model)}");
                continue;
            }

            CompareApp(app, template, model, infra, problems);
        }

        var deployed = manifest.Apps.Select(app => app.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in infra.Templates.Keys.Where(name => !deployed.Contains(name)))
        {
            problems.Add($"AppHost/infra/{name}.tmpl.yaml deploys '{name}', which the manifest no longer has as a project or container: delete the file.");
        }

        CompareParameters(manifest, infra, problems);
        return problems;
    }

    private static void CompareApp(ExpectedContainerApp app, ContainerAppTemplate template, AppModelFacts model, InfraFolder infra, List<string> problems)
    {
        var file = $"AppHost/infra/{app.Name}.tmpl.yaml";
        problems.AddRange(template.Problems);
        var properties = template.Root["properties"];
        var configuration = properties["configuration"];
        var containers = properties["template"]["containers"].Items;
        if (containers.Count != 1)
        {
            problems.Add($"{file}: declare exactly one container (it has {containers.Count}).");
            return;
        }

        var container = containers[0];
        Expect(problems, file, "the container's name", app.Name, template.Restore(container["name"].Scalar));
        Expect(problems, file, "the container's image", "{{ .Image }}", template.Restore(container["image"].Scalar));
        Expect(problems, file, "tag azd-service-name", app.Name, template.Root["tags"]["azd-service-name"].Scalar);
        Expect(problems, file, "tag aspire-resource-name", app.Name, template.Root["tags"]["aspire-resource-name"].Scalar);
        CompareIngress(app, template, configuration["ingress"], problems);
        CompareEnvironment(app, template, configuration["secrets"], container["env"], problems);
        Expect(problems, file, "the container's command", app.Entrypoint is null ? "" : app.Entrypoint,
            string.Join(' ', container["command"].Items.Select(item => template.Restore(item.Scalar))));
        Expect(problems, file, "the container's arguments", string.Join(" | ", app.Arguments),
            string.Join(" | ", container["args"].Items.Select(item => template.Restore(item.Scalar))));
        CompareVolumes(app, template, properties["template"]["volumes"], container["volumeMounts"], infra, problems);
        CompareProbes(app, template, container["probes"], model, problems);
        CompareScale(app, template, properties["template"]["scale"], model, problems);

        foreach (var name in template.EnvironmentValues.Where(name => !infra.MainOutputs.Contains(name) && !AzdEnvironment.Contains(name)))
        {
            problems.Add($"{file} reads {{{{ .Env.{name} }}}}, which neither infra/main.bicep outputs nor azd sets: add the output or fix the name.");
        }

        foreach (var name in template.SecuredParameters.Concat(template.Parameters))
        {
            if (infra.MainParameters[name] is not { } parameter)
            {
                problems.Add($"{file} reads the parameter '{name}', which infra/main.bicep does not declare.");
            }
            else if (template.SecuredParameters.Contains(name) && parameter["type"]?.GetValue<string>() != "securestring")
            {
                problems.Add($"{file} reads '{name}' as a secured parameter, but infra/main.bicep does not mark it @secure().");
            }
        }
    }

    private static void CompareIngress(ExpectedContainerApp app, ContainerAppTemplate template, YamlNode ingress, List<string> problems)
    {
        var file = $"AppHost/infra/{app.Name}.tmpl.yaml";
        if (app.Ingress is not { } expected)
        {
            if (!ingress.IsMissing)
            {
                problems.Add($"{file} declares an ingress, but '{app.Name}' has no endpoint in the manifest: remove it.");
            }

            return;
        }

        if (ingress.IsMissing)
        {
            problems.Add($"{file} has no ingress; the manifest's bindings need: {Describe(expected)}.");
            return;
        }

        Expect(problems, file, "ingress.external", expected.External ? "true" : "false", ingress["external"].Scalar);
        Expect(problems, file, "ingress.transport", expected.Transport, ingress["transport"].Scalar);
        Expect(problems, file, "ingress.targetPort", expected.TargetPort, ContainerAppTemplate.Normalize(template.Restore(ingress["targetPort"].Scalar) ?? ""));
        Expect(problems, file, "ingress.allowInsecure", expected.AllowInsecure ? "true" : "false", ingress["allowInsecure"].Scalar);
        if (expected.ExposedPort is { } exposed)
        {
            Expect(problems, file, "ingress.exposedPort", exposed.ToString(CultureInfo.InvariantCulture), ingress["exposedPort"].Scalar);
        }
        else if (ingress["exposedPort"].Scalar is { } declared && declared != expected.TargetPort)
        {
            problems.Add($"{file}: ingress.exposedPort is {declared}, but the manifest gives '{app.Name}' no port besides its target port {expected.TargetPort}.");
        }

        var declaredPorts = ingress["additionalPortMappings"].Items
            .Select(mapping => $"{mapping["targetPort"].Scalar} ({(mapping["external"].AsBool() == true ? "external" : "internal")})")
            .Order(StringComparer.Ordinal);
        var expectedPorts = expected.AdditionalPorts
            .Select(mapping => $"{mapping.TargetPort.ToString(CultureInfo.InvariantCulture)} ({(mapping.External ? "external" : "internal")})")
            .Order(StringComparer.Ordinal);
        Expect(problems, file, "ingress.additionalPortMappings", string.Join(", ", expectedPorts), string.Join(", ", declaredPorts));
        if (ingress["additionalPortMappings"].Items.Any(mapping => mapping["external"].AsBool() == true))
        {
            problems.Add($"{file}: an additional port mapping is external; azd maps the manifest's extra ports as internal, and only HTTP may face the internet.");
        }
    }

    private static void CompareEnvironment(ExpectedContainerApp app, ContainerAppTemplate template, YamlNode secrets, YamlNode environment, List<string> problems)
    {
        var file = $"AppHost/infra/{app.Name}.tmpl.yaml";
        var declaredSecrets = secrets.Items.ToDictionary(
            secret => secret["name"].Scalar ?? "", secret => template.Restore(secret["value"].Scalar) ?? "", StringComparer.Ordinal);
        var variables = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var variable in environment.Items)
        {
            if (!variables.TryAdd(variable["name"].Scalar ?? "", variable))
            {
                problems.Add($"{file}: the environment variable '{variable["name"].Scalar}' is declared twice.");
            }
        }

        foreach (var (name, value) in app.Environment)
        {
            if (!variables.TryGetValue(name, out var variable))
            {
                problems.Add($"{file}: add the environment variable '{name}' with value '{value}' (the manifest sets it).");
            }
            else if (variable["secretRef"].Scalar is not null)
            {
                problems.Add($"{file}: '{name}' is a secret reference, but the manifest sets it as a plain value '{value}'.");
            }
            else
            {
                Expect(problems, file, $"environment variable '{name}'", ContainerAppTemplate.Normalize(value), ContainerAppTemplate.Normalize(template.Restore(variable["value"].Scalar) ?? ""));
            }
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in app.Secrets)
        {
            var secretName = AzdManifest.SecretName(name);
            if (!variables.TryGetValue(name, out var variable) || variable["secretRef"].Scalar is not { } reference)
            {
                problems.Add(
                    $"{file}: '{name}' holds a secret: add it as env '- name: {name}' with 'secretRef: {secretName}', and the secret " +
                    $"'- name: {secretName}' with 'value: '{value}'' under configuration.secrets.");
                continue;
            }

            referenced.Add(reference);
            if (!declaredSecrets.TryGetValue(reference, out var declared))
            {
                problems.Add($"{file}: '{name}' refers to the secret '{reference}', which configuration.secrets does not declare (value '{value}').");
            }
            else
            {
                Expect(problems, file, $"secret '{reference}' (for {name})", ContainerAppTemplate.Normalize(value), ContainerAppTemplate.Normalize(declared));
            }
        }

        foreach (var name in variables.Keys.Where(name => name != "AZURE_CLIENT_ID" && !app.Environment.ContainsKey(name) && !app.Secrets.ContainsKey(name)))
        {
            if (variables[name]["secretRef"].Scalar is { } reference)
            {
                referenced.Add(reference);
            }

            problems.Add($"{file} sets the environment variable '{name}', which the manifest does not: remove it, or add it to the app model.");
        }

        foreach (var secret in declaredSecrets.Keys.Where(secret => !referenced.Contains(secret)))
        {
            problems.Add($"{file} declares the secret '{secret}', which no environment variable uses: remove it.");
        }
    }

    private static void CompareVolumes(
        ExpectedContainerApp app, ContainerAppTemplate template, YamlNode volumes, YamlNode mounts, InfraFolder infra, List<string> problems)
    {
        var file = $"AppHost/infra/{app.Name}.tmpl.yaml";
        var declared = volumes.Items.ToDictionary(volume => volume["name"].Scalar ?? "", StringComparer.Ordinal);
        var mounted = mounts.Items.ToDictionary(mount => mount["volumeName"].Scalar ?? "", mount => mount["mountPath"].Scalar, StringComparer.Ordinal);
        foreach (var volume in app.Volumes)
        {
            var name = AzdManifest.VolumeName(app.Name, volume.Name);
            var output = AzdManifest.VolumeOutputName(app.Name, volume.Name);
            if (!declared.TryGetValue(name, out var entry))
            {
                problems.Add(
                    $"{file}: the manifest's volume '{volume.Name}' needs template.volumes '- name: {name}' (storageType: AzureFile, storageName: " +
                    $"{{{{ .Env.{output} }}}}) and a volumeMount at {volume.Target}.");
                continue;
            }

            Expect(problems, file, $"volume '{name}' storageType", "AzureFile", entry["storageType"].Scalar);
            Expect(problems, file, $"volume '{name}' storageName", $"{{{{ .Env.{output} }}}}", template.Restore(entry["storageName"].Scalar)?.Trim());
            Expect(problems, file, $"mount path of '{name}'", volume.Target, mounted.GetValueOrDefault(name));
            if (!infra.MainOutputs.Contains(output) || !infra.ResourcesBicep.Contains($"output {output} ", StringComparison.Ordinal))
            {
                problems.Add(
                    $"infra/main.bicep and infra/resources.bicep must output {output}: the name of the environment storage (an Azure Files share) " +
                    $"behind '{app.Name}'s volume '{volume.Name}'.");
            }
        }

        foreach (var name in declared.Keys.Where(name => !app.Volumes.Any(volume => AzdManifest.VolumeName(app.Name, volume.Name) == name)))
        {
            problems.Add($"{file} declares the volume '{name}', which the manifest does not have.");
        }
    }

    private static void CompareProbes(ExpectedContainerApp app, ContainerAppTemplate template, YamlNode probes, AppModelFacts model, List<string> problems)
    {
        var file = $"AppHost/infra/{app.Name}.tmpl.yaml";
        var declared = probes.Items
            .Where(probe => !probe["httpGet"].IsMissing)
            .Select(probe => (Type: probe["type"].Scalar, Path: probe["httpGet"]["path"].Scalar, Port: ContainerAppTemplate.Normalize(template.Restore(probe["httpGet"]["port"].Scalar) ?? "")))
            .ToList();
        var expected = model.Probes.GetValueOrDefault(app.Name) ?? [];
        foreach (var probe in expected)
        {
            var port = app.Ingress?.Bindings.GetValueOrDefault(probe.EndpointName)?.TargetPort?.ToString(CultureInfo.InvariantCulture) ?? "{{ targetPort }}";
            if (!declared.Contains((probe.Type, probe.Path, port)))
            {
                problems.Add(
                    $"{file}: add the probe '- type: {probe.Type}' with 'httpGet: {{ path: {probe.Path}, port: {port.Replace("{{ targetPort }}", "{{ targetPortOrDefault 8080 }}", StringComparison.Ordinal)} }}' " +
                    "(the model's probe).");
            }
        }

        foreach (var probe in declared.Where(probe => app.IsProject && !expected.Any(model => model.Type == probe.Type && model.Path == probe.Path)))
        {
            problems.Add($"{file} declares an HTTP {probe.Type} probe on {probe.Path}, which the model does not (WithDeployedHealthProbes in AppHost/PublishExtensions.cs).");
        }

        if (app.IsProject && expected.Count == 0)
        {
            problems.Add($"'{app.Name}' has no health probes in the model: call WithDeployedHealthProbes() on it in AppHost/Program.cs.");
        }

        foreach (var probe in probes.Items.Where(probe => probe["type"].Scalar is not ("Liveness" or "Readiness" or "Startup")))
        {
            problems.Add($"{file}: probe type '{probe["type"].Scalar}' is not one of Liveness, Readiness, Startup.");
        }
    }

    private static void CompareScale(ExpectedContainerApp app, ContainerAppTemplate template, YamlNode scale, AppModelFacts model, List<string> problems)
    {
        var file = $"AppHost/infra/{app.Name}.tmpl.yaml";
        var rendered = template.Rendered["properties"]["template"]["scale"];
        var minimum = rendered["minReplicas"].AsInt();
        var maximum = rendered["maxReplicas"].AsInt();
        if (minimum is null || maximum is null || minimum > maximum || minimum < 1)
        {
            problems.Add($"{file}: scale needs whole numbers 1 <= minReplicas <= maxReplicas (it has {scale["minReplicas"].Scalar ?? "none"}..{scale["maxReplicas"].Scalar ?? "none"}).");
            return;
        }

        var replicas = model.Replicas.GetValueOrDefault(app.Name, 1);
        if (replicas > 1 && (minimum < 2 || !scale["rules"].Items.Any()))
        {
            problems.Add(
                $"{file}: the model runs {replicas} replicas of '{app.Name}', so deployed it needs minReplicas >= 2 (it has {minimum}) and a scale rule " +
                "(scale.rules), documented in docs/deploy.md.");
        }

        if (app.Volumes.Any(volume => !volume.ReadOnly) && maximum != 1)
        {
            problems.Add($"{file}: '{app.Name}' writes to a volume, so it must run exactly one replica (maxReplicas: 1, it has {maximum}).");
        }
    }

    private static void CompareParameters(AzdManifest manifest, InfraFolder infra, List<string> problems)
    {
        var expected = manifest.Parameters.ToList();
        foreach (var parameter in expected)
        {
            if (infra.MainParameters[parameter.Name] is not { } declared)
            {
                problems.Add($"infra/main.bicep must declare the manifest's parameter '{parameter.ResourceName}':\n{TemplateSketch.WriteParameter(parameter)}");
                continue;
            }

            var secure = declared["type"]?.GetValue<string>() == "securestring";
            if (secure != parameter.Secret)
            {
                problems.Add($"infra/main.bicep: '{parameter.Name}' must {(parameter.Secret ? "" : "not ")}be @secure(), as the manifest's parameter is {(parameter.Secret ? "" : "not ")}secret.");
            }

            var azd = declared["metadata"]?["azd"];
            var generate = azd?["type"]?.GetValue<string>() == "generate";
            if (generate != (parameter.GeneratedLength is not null))
            {
                problems.Add(parameter.GeneratedLength is not null
                    ? $"infra/main.bicep: '{parameter.Name}' is generated by the model: add {TemplateSketch.GenerateMetadata(parameter)}."
                    : $"infra/main.bicep: '{parameter.Name}' has no generated default in the model (azd must ask for it): remove its azd 'generate' metadata.");
            }
            else if (generate)
            {
                Expect(problems, "infra/main.bicep", $"'{parameter.Name}' generated length", parameter.GeneratedLength?.ToString(CultureInfo.InvariantCulture), azd!["config"]?["length"]?.ToJsonString());
                Expect(problems, "infra/main.bicep", $"'{parameter.Name}' noSpecial", (parameter.NoSpecial ?? false) ? "true" : "false", azd!["config"]?["noSpecial"]?.ToJsonString() ?? "false");
            }

            var fromEnvironment = $"${{AZURE_{parameter.Name.ToUpperInvariant()}}}";
            Expect(problems, "infra/main.parameters.json", $"'{parameter.Name}' value", fromEnvironment, infra.ParameterFile[parameter.Name]?["value"]?.GetValue<string>());
        }

        foreach (var (name, _) in infra.MainParameters.Where(parameter => !AzdParameters.Contains(parameter.Key) && !expected.Any(e => e.Name == parameter.Key)))
        {
            problems.Add($"infra/main.bicep declares the parameter '{name}', which the manifest does not have: remove it (and its line in main.parameters.json).");
        }

        var used = infra.Templates.Values.SelectMany(template => template.SecuredParameters.Concat(template.Parameters)).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in expected.Where(parameter => !used.Contains(parameter.Name)))
        {
            problems.Add($"No container app template reads '{parameter.Name}': the parameter is either unused in the model or missing from a template.");
        }
    }

    private static string Describe(AzdManifest.Ingress ingress) =>
        $"external: {(ingress.External ? "true" : "false")}, transport: {ingress.Transport}, targetPort: {ingress.TargetPort}, additionalPortMappings: " +
        (ingress.AdditionalPorts.Count == 0 ? "none" : string.Join(", ", ingress.AdditionalPorts.Select(port => port.TargetPort.ToString(CultureInfo.InvariantCulture))));

    private static void Expect(List<string> problems, string file, string what, string? expected, string? actual)
    {
        if (!string.Equals(expected ?? "", actual ?? "", StringComparison.Ordinal))
        {
            problems.Add($"{file}: {what} must be '{expected}' to match the manifest (it is '{actual ?? "absent"}').");
        }
    }
}
