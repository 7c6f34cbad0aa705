using System.Globalization;
using System.Text;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// Writes the container app template (or main.bicep parameter) the manifest calls for, in the layout of the ones in
/// AppHost/infra/, for a failure message: what to add is then a copy, a review of resources and scale, and a commit.
/// </summary>
internal static class TemplateSketch
{
    public static string Write(ExpectedContainerApp app, AppModelFacts model)
    {
        var yaml = new StringBuilder();
        void Line(string text) => yaml.Append(text).Append('\n');
        Line("api-version: 2024-02-02-preview");
        Line("location: {{ .Env.AZURE_LOCATION }}");
        Line("identity:");
        Line("  type: UserAssigned");
        Line("  userAssignedIdentities:");
        Line("    ? \"{{ .Env.AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID }}\"");
        Line("    : {}");
        Line("properties:");
        Line("  environmentId: {{ .Env.AZURE_CONTAINER_APPS_ENVIRONMENT_ID }}");
        Line("  configuration:");
        Line("    activeRevisionsMode: single");
        if (app.Ingress is { } ingress)
        {
            Line("    ingress:");
            if (ingress.AdditionalPorts.Count > 0)
            {
                Line("      additionalPortMappings:");
                foreach (var port in ingress.AdditionalPorts)
                {
                    Line($"        - targetPort: {port.TargetPort.ToString(CultureInfo.InvariantCulture)}");
                    Line("          external: false");
                }
            }

            Line($"      external: {(ingress.External ? "true" : "false")}");
            Line($"      targetPort: {Port(ingress.TargetPort)}");
            if (ingress.ExposedPort is { } exposed)
            {
                Line($"      exposedPort: {exposed.ToString(CultureInfo.InvariantCulture)}");
            }

            Line($"      transport: {ingress.Transport}");
            Line($"      allowInsecure: {(ingress.AllowInsecure ? "true" : "false")}");
        }

        if (app.IsProject)
        {
            Line("    registries:");
            Line("      - server: {{ .Env.AZURE_CONTAINER_REGISTRY_ENDPOINT }}");
            Line("        identity: {{ .Env.AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID }}");
        }

        if (app.Secrets.Count > 0)
        {
            Line("    secrets:");
            foreach (var (name, value) in app.Secrets.OrderBy(secret => AzdManifest.SecretName(secret.Key), StringComparer.Ordinal))
            {
                Line($"      - name: {AzdManifest.SecretName(name)}");
                Line($"        value: '{Port(value)}'");
            }
        }

        Line("  template:");
        if (app.Volumes.Count > 0)
        {
            Line("    volumes:");
            foreach (var volume in app.Volumes)
            {
                Line($"      - name: {AzdManifest.VolumeName(app.Name, volume.Name)}");
                Line("        storageType: AzureFile");
                Line($"        storageName: {{{{ .Env.{AzdManifest.VolumeOutputName(app.Name, volume.Name)} }}}}");
            }
        }

        Line("    containers:");
        Line("      - image: {{ .Image }}");
        Line($"        name: {app.Name}");
        if (app.Entrypoint is { } entrypoint)
        {
            Line("        command:");
            Line($"          - {entrypoint}");
        }

        if (app.Arguments.Count > 0)
        {
            Line("        args:");
            foreach (var argument in app.Arguments)
            {
                Line($"          - '{argument.Replace("'", "''", StringComparison.Ordinal)}'");
            }
        }

        Line("        resources:");
        Line("          cpu: 0.5");
        Line("          memory: 1Gi");
        Line("        env:");
        Line("          - name: AZURE_CLIENT_ID");
        Line("            value: {{ .Env.MANAGED_IDENTITY_CLIENT_ID }}");
        foreach (var (name, value) in app.Environment)
        {
            Line($"          - name: {name}");
            Line($"            value: '{Port(value).Replace("'", "''", StringComparison.Ordinal)}'");
        }

        foreach (var name in app.Secrets.Keys)
        {
            Line($"          - name: {name}");
            Line($"            secretRef: {AzdManifest.SecretName(name)}");
        }

        if (app.Volumes.Count > 0)
        {
            Line("        volumeMounts:");
            foreach (var volume in app.Volumes)
            {
                Line($"          - volumeName: {AzdManifest.VolumeName(app.Name, volume.Name)}");
                Line($"            mountPath: {volume.Target}");
            }
        }

        var probes = model.Probes.GetValueOrDefault(app.Name) ?? [];
        if (probes.Count > 0)
        {
            Line("        probes:");
            foreach (var probe in probes)
            {
                var port = app.Ingress?.Bindings.GetValueOrDefault(probe.EndpointName)?.TargetPort?.ToString(CultureInfo.InvariantCulture) ?? "{{ targetPortOrDefault 8080 }}";
                Line($"          - type: {probe.Type}");
                Line("            httpGet:");
                Line($"              path: {probe.Path}");
                Line($"              port: {port}");
            }
        }

        var replicas = model.Replicas.GetValueOrDefault(app.Name, 1);
        Line("    scale:");
        if (replicas > 1)
        {
            Line($"      minReplicas: {Math.Max(2, replicas - 1).ToString(CultureInfo.InvariantCulture)}");
            Line($"      maxReplicas: {(replicas * 2).ToString(CultureInfo.InvariantCulture)}");
            Line("      rules:");
            Line("        - name: cpu");
            Line("          custom:");
            Line("            type: cpu");
            Line("            metadata:");
            Line("              type: Utilization");
            Line("              value: \"70\"");
        }
        else
        {
            Line("      minReplicas: 1");
            Line($"      maxReplicas: {(app.Volumes.Count > 0 ? "1" : "3")}");
        }

        Line("tags:");
        Line($"  azd-service-name: {app.Name}");
        Line($"  aspire-resource-name: {app.Name}");
        return yaml.ToString();
    }

    public static string WriteParameter(ExpectedParameter parameter)
    {
        var bicep = new StringBuilder();
        if (parameter.GeneratedLength is not null)
        {
            bicep.Append(GenerateMetadata(parameter)).Append('\n');
        }

        if (parameter.Secret)
        {
            bicep.Append("@secure()\n#disable-next-line no-unused-params\n");
        }

        bicep.Append($"param {parameter.Name} string\n");
        bicep.Append($"and in infra/main.parameters.json: \"{parameter.Name}\": {{ \"value\": \"${{AZURE_{parameter.Name.ToUpperInvariant()}}}\" }}");
        return bicep.ToString();
    }

    public static string GenerateMetadata(ExpectedParameter parameter) =>
        $"@metadata({{ azd: {{ type: 'generate', config: {{ length: {parameter.GeneratedLength?.ToString(CultureInfo.InvariantCulture)}" +
        (parameter.NoSpecial == true ? ", noSpecial: true" : "") + " } } })";

    // The comparison's {{ targetPort }} is written the way azd's own templates spell it.
    private static string Port(string value) => value.Replace("{{ targetPort }}", "{{ targetPortOrDefault 8080 }}", StringComparison.Ordinal);
}
