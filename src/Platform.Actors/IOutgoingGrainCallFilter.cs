namespace Platform.Actors;

/// <summary>Runs around every grain call made from this process, on the caller's side. Register with <c>actors.AddOutgoingGrainCallFilter&lt;T&gt;()</c>.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles the call; must call <see cref="IGrainCallContext.Invoke"/> for it to proceed.</summary>
    Task Invoke(IGrainCallContext context);
}
