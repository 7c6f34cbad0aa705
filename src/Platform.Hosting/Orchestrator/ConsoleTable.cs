using System.Text;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestrator;

// The table printed at start: every resource, its kind, replicas and URLs, external endpoints first;
// the dashboard (when it runs) as the last row.
internal static class ConsoleTable
{
    public static string Render(IEnumerable<ResourceRuntime> runtimes, string? dashboardUrl = null)
    {
        var rows = runtimes.Select(r => (
            Name: r.Resource.Name,
            r.Type,
            Replicas: r.Replicas.Count == 0 ? "-" : r.Replicas.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Urls: string.Join("  ", r.Resource.Annotations.OfType<EndpointAnnotation>()
                .Where(e => e.Url is not null)
                .OrderByDescending(e => e.IsExternal)
                .Select(e => e.IsExternal ? e.Url + " (external)" : e.Url))))
            .ToList();
        if (dashboardUrl is not null)
        {
            rows.Add(("dashboard", "Dashboard", "-", dashboardUrl));
        }

        var nameWidth = Math.Max(8, rows.Max(r => r.Name.Length) + 2);
        var typeWidth = Math.Max(6, rows.Max(r => r.Type.Length) + 2);
        var text = new StringBuilder();
        text.AppendLine("Resources:");
        text.Append("  ").Append("NAME".PadRight(nameWidth)).Append("TYPE".PadRight(typeWidth)).Append("REPLICAS  ").AppendLine("URL");
        foreach (var row in rows)
        {
            text.Append("  ").Append(row.Name.PadRight(nameWidth)).Append(row.Type.PadRight(typeWidth)).Append(row.Replicas.PadRight(10)).AppendLine(row.Urls);
        }

        return text.ToString();
    }
}
