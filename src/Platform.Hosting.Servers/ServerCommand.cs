namespace Platform.Hosting.Servers;

/// <summary>
/// How to start a server process: the program, its arguments and extra environment.
/// When the server must run as another user, the command is already wrapped so that the
/// process started is the server itself (its pid is the server's pid).
/// </summary>
/// <param name="FileName">The program to run.</param>
/// <param name="Arguments">The arguments, one per element, unquoted.</param>
/// <param name="Environment">Variables to add to the inherited environment.</param>
/// <param name="WorkingDirectory">The working directory, or null for the caller's.</param>
public sealed record ServerCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory = null);
