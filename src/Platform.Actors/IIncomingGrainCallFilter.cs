namespace Platform.Actors;

/// <summary>Runs around every call a grain receives, inside the grain's turn. Register with <c>actors.AddIncomingGrainCallFilter&lt;T&gt;()</c>.</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles the call; must call <see cref="IGrainCallContext.Invoke"/> for it to proceed.</summary>
    Task Invoke(IGrainCallContext context);
}
