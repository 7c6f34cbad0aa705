namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// Describes a .NET project the AppHost references. The build generates one <c>Projects.{Name}</c> class per
/// <c>ProjectReference</c> marked <c>IsPlatformProjectResource="true"</c> (see <c>build/Platform.Hosting.targets</c>).
/// </summary>
public interface IProjectMetadata
{
    /// <summary>The full path of the project file.</summary>
    string ProjectPath { get; }
}
