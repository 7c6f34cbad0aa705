using System.Runtime.Versioning;

// These tests read /proc and run Linux server binaries.
[assembly: SupportedOSPlatform("linux")]
