namespace Platform.Hosting.ApplicationModel;

/// <summary>What a resource waits for before it starts.</summary>
public enum WaitType
{
    /// <summary>The dependency is running and healthy.</summary>
    WaitUntilHealthy,

    /// <summary>The dependency ran to completion with exit code 0.</summary>
    WaitForCompletion,
}
