namespace Platform.Actors;

/// <summary>A grain call as a call filter sees it. Call <see cref="Invoke"/> to run the rest of the pipeline.</summary>
public interface IGrainCallContext
{
    /// <summary>The grain instance (incoming filters); null on the caller's side.</summary>
    object? Grain { get; }

    /// <summary>The grain being called.</summary>
    GrainId TargetId { get; }

    /// <summary>The full name of the grain interface.</summary>
    string InterfaceName { get; }

    /// <summary>The method name.</summary>
    string MethodName { get; }

    /// <summary>The arguments (a new array on each read; excludes the cancellation token).</summary>
    object?[] Arguments { get; }

    /// <summary>The result, available after <see cref="Invoke"/>; may be replaced by the filter.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, or the call itself.</summary>
    Task Invoke();
}
