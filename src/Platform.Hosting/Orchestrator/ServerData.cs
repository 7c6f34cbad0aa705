using Microsoft.Extensions.Configuration;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestrator;

// Data folders and passwords of servers: persistent (WithDataVolume, password saved beside the folder so the
// data stays usable) or per run in the run's temporary folder.
internal static class ServerData
{
    public static (string Directory, bool Persistent) GetDirectory(IResource resource, AppHostPaths paths)
        => resource.Annotations.Find<DataVolumeAnnotation>() is { } volume
            ? (Path.Combine(paths.DataRoot, volume.Name), true)
            : (Path.Combine(paths.RunRoot, resource.Name), false);

    public static void ResolvePassword(IResource resource, ParameterResource password, IConfiguration configuration, AppHostPaths paths)
    {
        if (resource.Annotations.Find<DataVolumeAnnotation>() is not { } volume
            || configuration[$"Parameters:{password.Name}"] is { Length: > 0 })
        {
            return;
        }

        var file = Path.Combine(paths.DataRoot, volume.Name + ".password");
        if (File.Exists(file))
        {
            password.SetValue(File.ReadAllText(file).Trim());
            return;
        }

        Directory.CreateDirectory(paths.DataRoot);
        File.WriteAllText(file, password.Value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
