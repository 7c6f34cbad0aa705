namespace ServiceDefaults;

/// <summary>Registered once by <c>AddServiceDefaults</c> so a repeated call can tell it already ran.</summary>
internal sealed class ServiceDefaultsMarker;
