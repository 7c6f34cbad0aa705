namespace Platform.Actors;

/// <summary>A grain whose key is a 64-bit integer.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marker interfaces are the programming model.")]
public interface IGrainWithIntegerKey : IGrain
{
}
