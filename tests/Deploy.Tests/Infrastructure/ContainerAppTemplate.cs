using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// One <c>AppHost/infra/{resource}.tmpl.yaml</c>: the container app azd applies at <c>azd deploy</c>, after running it
/// through Go's text/template with the functions azd defines (<c>.Env.NAME</c>, <c>.Image</c>,
/// <c>securedParameter "name"</c>, <c>parameter "name"</c>, <c>targetPortOrDefault N</c>). The raw file is not YAML
/// until those actions are replaced, so it is read twice: once with each action kept as text (to compare values with
/// the manifest) and once with the values azd would put in (to prove it then parses, with numbers where ACA wants them).
/// </summary>
internal sealed partial class ContainerAppTemplate
{
    private const string ExampleSecret = "example-secret";

    private readonly Dictionary<string, string> _actionsByToken = new(StringComparer.Ordinal);

    private ContainerAppTemplate(string name, string path, string text)
    {
        Name = name;
        Path = path;
        Text = text;
        var tokenized = TemplateAction().Replace(text, match =>
        {
            var token = $"xACT{_actionsByToken.Count.ToString(CultureInfo.InvariantCulture)}x";
            _actionsByToken[token] = Normalize(match.Value);
            return token;
        });
        foreach (var action in TemplateAction().Matches(text).Select(match => match.Groups["body"].Value.Trim()))
        {
            Classify(action);
        }

        Root = Parse(tokenized, "with its template actions kept as text");
        Rendered = Parse(TemplateAction().Replace(text, match => RenderExample(match.Groups["body"].Value.Trim())), "as azd renders it");
    }

    /// <summary>The manifest resource the file deploys (its file name without <c>.tmpl.yaml</c>).</summary>
    public string Name { get; }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The document with every template action as its (normalised) text.</summary>
    public YamlNode Root { get; }

    /// <summary>The document as azd would render it, with example values.</summary>
    public YamlNode Rendered { get; }

    /// <summary>What is wrong with the file on its own: unknown template actions, YAML errors.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Names given to <c>securedParameter</c>.</summary>
    public SortedSet<string> SecuredParameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Names given to <c>parameter</c> (and <c>parameterWithDefault</c>).</summary>
    public SortedSet<string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Names read as <c>.Env.NAME</c>: main.bicep's outputs, or what azd itself sets.</summary>
    public SortedSet<string> EnvironmentValues { get; } = new(StringComparer.Ordinal);

    public static ContainerAppTemplate Load(string path) =>
        new(System.IO.Path.GetFileName(path)[..^".tmpl.yaml".Length], path, File.ReadAllText(path));

    /// <summary>
    /// The action text of a value, in the form the comparison uses: <c>targetPortOrDefault N</c> becomes
    /// <c>{{ targetPort }}</c> (azd puts the port <c>dotnet publish</c> reports there, whatever N is), spaces are tidied.
    /// </summary>
    public static string Normalize(string value) =>
        TargetPortAction().Replace(TemplateAction().Replace(value, match => "{{ " + match.Groups["body"].Value.Trim() + " }}"), "{{ targetPort }}");

    /// <summary>A scalar of <see cref="Root"/> with its template actions restored.</summary>
    public string? Restore(string? scalar) =>
        scalar is null ? null : Token().Replace(scalar, match => _actionsByToken.TryGetValue(match.Value, out var action) ? action : match.Value);

    [GeneratedRegex(@"\{\{(?<body>.*?)\}\}")]
    private static partial Regex TemplateAction();

    [GeneratedRegex(@"\{\{ targetPortOrDefault \d+ \}\}")]
    private static partial Regex TargetPortAction();

    [GeneratedRegex(@"xACT\d+x")]
    private static partial Regex Token();

    [GeneratedRegex(@"^\.Env\.(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex EnvAction();

    [GeneratedRegex("^(?<function>securedParameter|parameter|parameterWithDefault) \"(?<name>[A-Za-z0-9_]+)\"( \"[^\"]*\")?$")]
    private static partial Regex ParameterAction();

    [GeneratedRegex(@"^targetPortOrDefault (?<port>\d+)$")]
    private static partial Regex TargetPortOrDefault();

    private void Classify(string action)
    {
        if (EnvAction().Match(action) is { Success: true } env)
        {
            EnvironmentValues.Add(env.Groups["name"].Value);
        }
        else if (ParameterAction().Match(action) is { Success: true } parameter)
        {
            (parameter.Groups["function"].Value == "securedParameter" ? SecuredParameters : Parameters).Add(parameter.Groups["name"].Value);
        }
        else if (action != ".Image" && !TargetPortOrDefault().IsMatch(action))
        {
            Problems.Add(
                $"{Name}.tmpl.yaml: '{{{{ {action} }}}}' is not a template action azd evaluates (.Env.NAME, .Image, securedParameter \"name\", " +
                "parameter \"name\", targetPortOrDefault N).");
        }
    }

    private static string RenderExample(string action)
    {
        if (EnvAction().Match(action) is { Success: true } env)
        {
            return "example-" + env.Groups["name"].Value.ToLowerInvariant().Replace('_', '-');
        }

        if (ParameterAction().IsMatch(action))
        {
            return ExampleSecret;
        }

        if (TargetPortOrDefault().Match(action) is { Success: true } port)
        {
            return port.Groups["port"].Value == "0" ? "8080" : port.Groups["port"].Value;
        }

        return action == ".Image" ? "example.azurecr.io/app:azd-deploy" : "unknown-action";
    }

    private YamlNode Parse(string yaml, string how)
    {
        try
        {
            return YamlNode.From(new DeserializerBuilder().Build().Deserialize<object?>(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            Problems.Add($"{Name}.tmpl.yaml does not parse as YAML {how}: {ex.Message} (line {ex.Start.Line.ToString(CultureInfo.InvariantCulture)}).");
            return YamlNode.Missing;
        }
    }
}
