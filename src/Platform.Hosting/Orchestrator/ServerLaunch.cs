using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

internal static class ServerLaunch
{
    public static ProcessLaunch From(ServerCommand command, string defaultWorkingDirectory)
        => new(command.FileName, command.Arguments, command.Environment, command.WorkingDirectory ?? defaultWorkingDirectory, new HashSet<string>());
}
