using Npgsql;

namespace Platform.Hosting.LocalServers.Tests;

/// <summary>The real postgres from the OS packages, started by DCP through the testing builder.</summary>
public sealed class LocalPostgresFunctionalTests
{
    [Fact]
    public async Task AddDatabase_ServerStarts_DatabaseIsCreatedAndAcceptsTheConnectionString()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddLocalPostgres("pg").AddDatabase("appdb");
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", timeout.Token);

        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("appdb", timeout.Token));
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("appdb", await command.ExecuteScalarAsync(timeout.Token));
    }

    [Fact]
    public async Task WithPersistentData_NewAppsOnTheSameFolder_KeepTheDataAcrossAPasswordChangeUntilResetData()
    {
        using var timeout = TestBuilders.Timeout(180);
        using var data = new TempFolder("localservers-data-");
        const string FirstPassword = "first-Password-1";
        const string SecondPassword = "second-Password-2";

        await using (var run = await PostgresApp.StartAsync(data.Path, FirstPassword, timeout.Token))
        {
            Assert.Equal(Path.Combine(data.Path, "pg"), run.Server.DataDirectory);
            Assert.Contains($"Password={FirstPassword}", run.ConnectionString, StringComparison.Ordinal);
            await run.ExecuteAsync("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL); INSERT INTO notes VALUES (1, 'kept')", timeout.Token);
        }

        // The cluster lives where LocalServers:DataDirectory says, not under the AppHost's folder.
        Assert.True(File.Exists(Path.Combine(data.Path, "pg", "PG_VERSION")));

        await using (var run = await PostgresApp.StartAsync(data.Path, FirstPassword, timeout.Token))
        {
            Assert.Equal("kept", await run.ScalarAsync("SELECT body FROM notes WHERE id = 1", timeout.Token));
        }

        // The password is no longer the one the cluster was created with (e.g. the user secrets were reset): the health
        // check sets it through the local socket, so the server still becomes healthy, with its data.
        await using (var run = await PostgresApp.StartAsync(data.Path, SecondPassword, timeout.Token))
        {
            Assert.Contains($"Password={SecondPassword}", run.ConnectionString, StringComparison.Ordinal);
            Assert.Equal("kept", await run.ScalarAsync("SELECT body FROM notes WHERE id = 1", timeout.Token));

            var old = new NpgsqlConnectionStringBuilder(run.ConnectionString) { Password = FirstPassword, Pooling = false };
            await using var connection = new NpgsqlConnection(old.ConnectionString);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(timeout.Token));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }

        // LocalServers:ResetData=true wipes the folder at the first start: a new cluster, its database created again.
        await using (var run = await PostgresApp.StartAsync(data.Path, SecondPassword, timeout.Token, configure: builder => builder.Configuration["LocalServers:ResetData"] = "true"))
        {
            Assert.Null(await run.ScalarAsync("SELECT to_regclass('notes')::text", timeout.Token));
            Assert.Equal("appdb", await run.ScalarAsync("SELECT current_database()", timeout.Token));
        }
    }

    [Fact]
    public async Task WithoutPersistentData_StopThenStartKeepTheData_TheNextAppStartsEmptyAndTheRunFolderIsDeleted()
    {
        using var timeout = TestBuilders.Timeout(150);
        string firstDataDirectory;

        await using (var run = await PostgresApp.StartAsync(dataRoot: null, password: null, timeout.Token))
        {
            firstDataDirectory = run.Server.DataDirectory!;
            Assert.StartsWith(Path.GetTempPath(), firstDataDirectory, StringComparison.Ordinal);
            // Within a run the data survives a restart from the dashboard.
            await StopThenStartKeepsTheDataAsync(run, timeout.Token);
        }

        // The data of a run without WithPersistentData lives in a folder of that run, deleted when its AppHost goes.
        Assert.False(Directory.Exists(firstDataDirectory), $"'{firstDataDirectory}' is still there");

        await using (var run = await PostgresApp.StartAsync(dataRoot: null, password: null, timeout.Token))
        {
            Assert.NotEqual(firstDataDirectory, run.Server.DataDirectory);
            Assert.Null(await run.ScalarAsync("SELECT to_regclass('notes')::text", timeout.Token));
        }
    }

    [Fact]
    public async Task StopThenStartCommands_WithPersistentData_ServerComesBackHealthyWithItsData()
    {
        using var timeout = TestBuilders.Timeout(120);
        using var data = new TempFolder("localservers-data-");
        await using var run = await PostgresApp.StartAsync(data.Path, password: null, timeout.Token);

        await StopThenStartKeepsTheDataAsync(run, timeout.Token);

        Assert.Equal(Path.Combine(data.Path, "pg"), run.Server.DataDirectory);
    }

    /// <summary>
    /// Writes a row, stops pg with Aspire's stop command, starts it again with the start command (the dashboard's
    /// buttons) and reads the row back from the new process; appdb follows its server down and up.
    /// </summary>
    private static async Task StopThenStartKeepsTheDataAsync(PostgresApp run, CancellationToken cancellationToken)
    {
        var dataDirectory = run.Server.DataDirectory;
        await run.ExecuteAsync("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL); INSERT INTO notes VALUES (1, 'kept')", cancellationToken);
        var firstPid = await run.App.PidOfAsync("pg", cancellationToken);
        var first = OsProcess.TryRead(firstPid) ?? throw new InvalidOperationException($"pg's process {firstPid} is not running");

        await run.App.ExecuteCommandAsync("pg", KnownResourceCommands.StopCommand, cancellationToken);
        await run.App.ResourceNotifications.WaitForResourceAsync("pg", KnownResourceStates.TerminalStates, cancellationToken);
        await run.App.ResourceNotifications.WaitForResourceAsync("appdb", KnownResourceStates.TerminalStates, cancellationToken);
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(15), cancellationToken), "the stopped server's process is still running");

        await run.App.ExecuteCommandAsync("pg", KnownResourceCommands.StartCommand, cancellationToken);
        await run.App.ResourceNotifications.WaitForResourceHealthyAsync("pg", cancellationToken);
        await run.App.ResourceNotifications.WaitForResourceHealthyAsync("appdb", cancellationToken);

        Assert.NotEqual(firstPid, await run.App.PidOfAsync("pg", cancellationToken));
        Assert.Equal(dataDirectory, run.Server.DataDirectory);
        Assert.Equal("kept", await run.ScalarAsync("SELECT body FROM notes WHERE id = 1", cancellationToken));
    }

    /// <summary>An AppHost with <c>pg</c> and its database <c>appdb</c>, started and healthy.</summary>
    private sealed class PostgresApp : IAsyncDisposable
    {
        private readonly IDistributedApplicationTestingBuilder _builder;

        private PostgresApp(IDistributedApplicationTestingBuilder builder, DistributedApplication app, LocalPostgresResource server, string connectionString)
        {
            _builder = builder;
            App = app;
            Server = server;
            ConnectionString = connectionString;
        }

        public DistributedApplication App { get; }

        public LocalPostgresResource Server { get; }

        /// <summary><c>appdb</c>'s connection string.</summary>
        public string ConnectionString { get; }

        /// <param name="dataRoot">With a folder, <c>WithPersistentData</c> under it as <c>LocalServers:DataDirectory</c>; else a run's data.</param>
        /// <param name="password">With a value, <c>Parameters:pg-password</c>; else a generated one.</param>
        /// <param name="cancellationToken">Gives up on the start.</param>
        /// <param name="configure">More configuration before the app is built.</param>
        public static async Task<PostgresApp> StartAsync(
            string? dataRoot, string? password, CancellationToken cancellationToken, Action<IDistributedApplicationTestingBuilder>? configure = null)
        {
            var builder = DistributedApplicationTestingBuilder.Create();
            try
            {
                if (password is not null)
                {
                    builder.Configuration["Parameters:pg-password"] = password;
                }

                var postgres = builder.AddLocalPostgres("pg");
                if (dataRoot is not null)
                {
                    builder.Configuration["LocalServers:DataDirectory"] = dataRoot;
                    postgres.WithPersistentData();
                }

                postgres.AddDatabase("appdb");
                configure?.Invoke(builder);
                var app = await builder.BuildAsync(cancellationToken);
                try
                {
                    await app.StartAsync(cancellationToken);
                    await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", cancellationToken);
                    var connectionString = await app.GetConnectionStringAsync("appdb", cancellationToken)
                        ?? throw new InvalidOperationException("appdb has no connection string");
                    return new PostgresApp(builder, app, (LocalPostgresResource)postgres.Resource, connectionString);
                }
                catch
                {
                    await app.DisposeAsync();
                    throw;
                }
            }
            catch
            {
                await builder.DisposeAsync();
                throw;
            }
        }

        public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await _builder.DisposeAsync();
        }

        // Unpooled: an idle pooled session would hold up PostgreSQL's smart shutdown when the server is stopped.
        private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
    }
}
