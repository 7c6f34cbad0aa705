namespace Platform.Hosting.Servers;

/// <summary>
/// An OS program that a resource needs is not installed. The message is one line that names the
/// program and the package to install, e.g. <c>redis-server not found: apt-get install redis-server</c>.
/// </summary>
public sealed class MissingBinaryException : Exception
{
    /// <summary>Creates the exception for a program and the Debian/Ubuntu package that provides it.</summary>
    public MissingBinaryException(string binary, string package)
        : base($"{binary} not found: apt-get install {package}")
    {
        Binary = binary;
        Package = package;
    }

    /// <summary>Creates the exception for a program and package, noting why an install attempt failed.</summary>
    public MissingBinaryException(string binary, string package, string reason)
        : base($"{binary} not found: apt-get install {package} ({reason})")
    {
        Binary = binary;
        Package = package;
    }

    /// <summary>The program that was looked for, e.g. <c>redis-server</c>.</summary>
    public string Binary { get; }

    /// <summary>The package that provides it, e.g. <c>redis-server</c>.</summary>
    public string Package { get; }
}
