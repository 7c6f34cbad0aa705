namespace Platform.Actors;

/// <summary>A grain whose key is a <see cref="Guid"/> plus a string extension.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marker interfaces are the programming model.")]
public interface IGrainWithGuidCompoundKey : IGrain
{
}
