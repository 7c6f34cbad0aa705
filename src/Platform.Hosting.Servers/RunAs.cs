namespace Platform.Hosting.Servers;

/// <summary>
/// Runs a program as another system user when this process is root. <c>setpriv</c> changes the ids
/// and then execs, so the pid the caller sees is the program's own: signals and kills reach it directly.
/// </summary>
internal static class RunAs
{
    public static ServerCommand Wrap(string? user, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        environment ??= new Dictionary<string, string>();
        if (user is null || !OsBinary.IsRoot)
        {
            return new ServerCommand(fileName, arguments, environment, workingDirectory);
        }

        var setpriv = OsBinary.Find("setpriv", "util-linux");
        string[] wrapped = [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", fileName, .. arguments];
        return new ServerCommand(setpriv, wrapped, environment, workingDirectory);
    }

    /// <summary>Gives <paramref name="path"/> (recursively) to <paramref name="user"/> when root, so the server can use it.</summary>
    public static async Task ChownAsync(string? user, string path, CancellationToken cancellationToken)
    {
        if (user is null || !OsBinary.IsRoot)
        {
            return;
        }

        if (await OsBinary.RunAsync("chown", ["-R", $"{user}:{user}", path], cancellationToken) != 0)
        {
            throw new InvalidOperationException($"Could not give '{path}' to user '{user}' (chown failed).");
        }
    }
}
