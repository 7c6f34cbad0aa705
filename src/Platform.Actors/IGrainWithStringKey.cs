namespace Platform.Actors;

/// <summary>A grain whose key is a string (<c>GrainFactory.GetGrain&lt;T&gt;("42")</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marker interfaces are the programming model.")]
public interface IGrainWithStringKey : IGrain
{
}
