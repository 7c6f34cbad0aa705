namespace Platform.Actors.Tests.Grains;

public sealed class ProfileState
{
    public string Name { get; set; } = "";

    public int Version { get; set; }
}
