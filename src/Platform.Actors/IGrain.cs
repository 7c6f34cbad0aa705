namespace Platform.Actors;

/// <summary>A grain interface: every interface a grain exposes derives from one of the keyed variants of this marker.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marker interfaces are the programming model.")]
public interface IGrain
{
}
