using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.Hosting.Servers;

/// <summary>
/// How to create a PostgreSQL cluster in a folder, run it on loopback with a password, tell it is ready and
/// create databases. PostgreSQL refuses to run as root, so as root every step runs as the <c>postgres</c> user.
/// </summary>
public static partial class PostgresRecipe
{
    /// <summary>The Debian package that provides <c>initdb</c> and <c>postgres</c>.</summary>
    public const string Package = "postgresql";

    /// <summary>The superuser the cluster is created with.</summary>
    public const string SuperUser = "postgres";

    /// <summary>The system user the server runs as when the caller is root.</summary>
    public const string SystemUser = "postgres";

    /// <summary>
    /// Creates a cluster in <paramref name="dataDirectory"/> with superuser <see cref="SuperUser"/> and
    /// <paramref name="password"/> (scram-sha-256 over TCP; the Unix socket, which lives inside the private data
    /// folder, trusts the folder's owner, so <see cref="EnsurePasswordAsync"/> can repair a changed password). Does nothing when the folder already
    /// holds a cluster, so a persistent data folder survives restarts. As root, the folder is given to the
    /// <c>postgres</c> user, and every folder above it must let that user pass (mode o+x), as /tmp does.
    /// </summary>
    /// <exception cref="MissingBinaryException"><c>initdb</c> is not installed.</exception>
    /// <exception cref="InvalidOperationException">initdb failed; the message carries its output.</exception>
    public static async Task InitializeDataDirectoryAsync(string dataDirectory, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        var initdb = OsBinary.Find("initdb", Package);
        Directory.CreateDirectory(dataDirectory);
        if (OsBinary.IsRoot && !OperatingSystem.IsWindows())
        {
            await EnsureReachableBySystemUserAsync(dataDirectory, cancellationToken);
        }

        UnixFile.MakePrivate(dataDirectory, isDirectory: true);

        // initdb reads the password from a file so it never shows in a process list; the file lives in a
        // private folder of its own because initdb wants the data folder empty.
        var passwordFolder = Directory.CreateTempSubdirectory("platform-pw-");
        var passwordFile = Path.Combine(passwordFolder.FullName, "pw");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        UnixFile.MakePrivate(passwordFile);
        try
        {
            await RunAs.ChownAsync(SystemUser, dataDirectory, cancellationToken);
            await RunAs.ChownAsync(SystemUser, passwordFolder.FullName, cancellationToken);
            var command = RunAs.Wrap(SystemUser, initdb,
                ["-D", dataDirectory, "-U", SuperUser, "--auth-host=scram-sha-256", "--auth-local=trust", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-instructions"],
                workingDirectory: dataDirectory);
            var (exitCode, output) = await RunToEndAsync(command, cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed for '{dataDirectory}' (exit code {exitCode}):{Environment.NewLine}{output}");
            }
        }
        finally
        {
            passwordFolder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Returns the command that runs the server on 127.0.0.1:<paramref name="port"/> over the cluster in
    /// <paramref name="dataDirectory"/>, its Unix socket kept inside that folder.
    /// </summary>
    /// <param name="dataDirectory">A folder prepared by <see cref="InitializeDataDirectoryAsync"/>.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="settings">Extra server settings (<c>-c name=value</c>), e.g. <c>fsync=off</c> for throwaway test data.</param>
    /// <exception cref="MissingBinaryException"><c>postgres</c> is not installed.</exception>
    public static ServerCommand CreateCommand(string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        var postgres = OsBinary.Find("postgres", Package);

        List<string> arguments =
        [
            "-D", dataDirectory,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            // Both loopback families: connection strings say "localhost", which may resolve to ::1 first.
            "-c", "listen_addresses=localhost",
            "-c", $"unix_socket_directories={dataDirectory}",
            "-c", "max_connections=300",
        ];
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            arguments.Add("-c");
            arguments.Add($"{name}={value}");
        }

        return RunAs.Wrap(SystemUser, postgres, arguments, workingDirectory: dataDirectory);
    }

    /// <summary>
    /// Builds the connection string of the contract:
    /// <c>Host=127.0.0.1;Port={port};Username={user};Password={password};Database={database}</c>.
    /// </summary>
    public static string GetConnectionString(int port, string password, string database = "postgres", string userName = SuperUser)
    {
        var builder = new StringBuilder();
        DbConnectionStringBuilder.AppendKeyValuePair(builder, "Host", "127.0.0.1");
        builder.Append(';');
        DbConnectionStringBuilder.AppendKeyValuePair(builder, "Port", port.ToString(CultureInfo.InvariantCulture));
        builder.Append(';');
        DbConnectionStringBuilder.AppendKeyValuePair(builder, "Username", userName);
        builder.Append(';');
        DbConnectionStringBuilder.AppendKeyValuePair(builder, "Password", password);
        builder.Append(';');
        DbConnectionStringBuilder.AppendKeyValuePair(builder, "Database", database);
        return builder.ToString();
    }

    /// <summary>True when the server behind <paramref name="connectionString"/> accepts a login and answers <c>SELECT 1</c>.</summary>
    public static async Task<bool> ProbeAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ProbeOrThrowAsync(connectionString, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<bool> ProbeOrThrowAsync(string connectionString, CancellationToken cancellationToken)
    {
        // No pooling: a probe must open a real connection, and must not keep one open.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    /// <summary>
    /// True when the server on 127.0.0.1:<paramref name="port"/> accepts <paramref name="password"/>. When it refuses
    /// that password (the cluster was created with another one, e.g. after the caller's secrets were reset), sets it
    /// through the Unix socket in <paramref name="dataDirectory"/>, which trusts the folder's owner, and tries again.
    /// </summary>
    public static async Task<bool> EnsurePasswordAsync(string dataDirectory, int port, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        var connectionString = GetConnectionString(port, password);
        try
        {
            return await ProbeOrThrowAsync(connectionString, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            // Repaired below.
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            return false;
        }

        var local = new NpgsqlConnectionStringBuilder { Host = dataDirectory, Port = port, Username = SuperUser, Pooling = false, Timeout = 5 };
        await using (var connection = new NpgsqlConnection(local.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // ALTER ROLE takes no parameters; a doubled quote is the literal's only escape.
            await using var alter = new NpgsqlCommand($"ALTER ROLE \"{SuperUser}\" WITH PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection);
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ProbeAsync(connectionString, cancellationToken);
    }

    /// <summary>Creates database <paramref name="name"/> unless it exists.</summary>
    /// <param name="connectionString">A superuser connection string to any database of the server.</param>
    /// <param name="name">Letters, digits, <c>_</c> and <c>-</c>, starting with a letter or <c>_</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async Task CreateDatabaseAsync(string connectionString, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid database name: use letters, digits, '_' and '-', starting with a letter or '_'.", nameof(name));
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created by a concurrent caller between the check and the create: the goal is met.
        }
    }

    // The server runs as the postgres user, who must be able to walk down to its data folder. Asked of the user
    // itself (test -x as postgres), so ownership and ACLs count as the kernel counts them.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task EnsureReachableBySystemUserAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!;
        var probe = RunAs.Wrap(SystemUser, "test", ["-x", parent]);
        if (await OsBinary.RunAsync(probe.FileName, probe.Arguments, cancellationToken) == 0)
        {
            return;
        }

        // Name the outermost folder closed to other users: the likeliest culprit (a home folder with mode 0700).
        var closed = parent;
        for (var folder = parent; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if ((File.GetUnixFileMode(folder) & UnixFileMode.OtherExecute) == 0)
            {
                closed = folder;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL runs as the '{SystemUser}' user, who cannot reach '{dataDirectory}' because '{closed}' is closed to it. " +
            $"Keep the data somewhere it can reach (e.g. LocalServers:DataDirectory=/var/tmp/localservers) or run 'chmod o+x {closed}'.");
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(ServerCommand command, CancellationToken cancellationToken)
    {
        await using var process = ServerProcess.Start(command, "initdb");
        var exitCode = await process.WaitForExitAsync(cancellationToken);
        return (exitCode, process.GetRecentOutput());
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex DatabaseName();
}
