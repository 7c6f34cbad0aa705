namespace Platform.Tests.Shared;

/// <summary>The machine's processes as /proc shows them: id and program name.</summary>
internal static class ProcessTable
{
    /// <summary>Live (not zombie) processes whose program name matches <paramref name="isWanted"/>, by id.</summary>
    public static IReadOnlyDictionary<int, string> Find(Func<string, bool> isWanted)
    {
        var found = new Dictionary<int, string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces, so split around its parentheses.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var state = stat[stat.LastIndexOf(')') + 2];
                if (state != 'Z' && isWanted(name))
                {
                    found[pid] = name;
                }
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }

        return found;
    }
}
