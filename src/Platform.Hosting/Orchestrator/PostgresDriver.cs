using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

internal sealed class PostgresDriver(PostgresServerResource postgres, OrchestratorContext context) : IProcessDriver
{
    // Throwaway data need not survive a power cut; skipping fsync makes start and tests much faster.
    private static readonly Dictionary<string, string> EphemeralSettings = new()
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
    };

    // SIGINT is PostgreSQL's "fast shutdown": SIGTERM would wait for every client to disconnect.
    public int StopSignal => Native.SigInt;

    public bool HasHealthCheck => true;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (context.Options.InstallMissingBinaries)
        {
            await OsBinary.EnsureAsync("initdb", PostgresRecipe.Package, cancellationToken);
        }

        OsBinary.Find("postgres", PostgresRecipe.Package);
        ServerData.ResolvePassword(postgres, postgres.Password, context.Configuration, context.Paths);
        var (directory, _) = ServerData.GetDirectory(postgres, context.Paths);
        await PostgresRecipe.InitializeDataDirectoryAsync(directory, postgres.Password.Value, cancellationToken);
    }

    public Task<ProcessLaunch> CreateLaunchAsync(int replica, CancellationToken cancellationToken)
    {
        var (directory, persistent) = ServerData.GetDirectory(postgres, context.Paths);
        var command = PostgresRecipe.CreateCommand(directory, postgres.PrimaryEndpoint.ReplicaPorts[0], persistent ? null : EphemeralSettings);
        return Task.FromResult(ServerLaunch.From(command, directory));
    }

    public Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
        => PostgresRecipe.ProbeAsync(postgres.GetConnectionString()!, cancellationToken);
}
