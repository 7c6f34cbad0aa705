namespace Platform.Hosting.ApplicationModel;

/// <summary>An endpoint of a resource.</summary>
/// <param name="Name">The endpoint name.</param>
/// <param name="Url">The address, e.g. <c>http://127.0.0.1:5123</c>.</param>
/// <param name="IsExternal">True when meant to be reached from outside the app.</param>
public sealed record ResourceEndpointUrl(string Name, string Url, bool IsExternal);
