namespace Platform.Hosting.Dashboard.Resources;

/// <summary>The lifecycle commands the dashboard can send through <see cref="IResourceSource.ExecuteCommandAsync"/>.</summary>
public static class ResourceCommands
{
    /// <summary>Starts a stopped resource.</summary>
    public const string Start = "start";

    /// <summary>Stops a resource gracefully.</summary>
    public const string Stop = "stop";

    /// <summary>Stops then starts a resource.</summary>
    public const string Restart = "restart";
}
