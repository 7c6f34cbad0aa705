using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Servers;

namespace Platform.Hosting.Orchestrator;

internal sealed class RedisDriver(RedisResource redis, OrchestratorContext context) : IProcessDriver
{
    private string? _redisServer;

    public int StopSignal => Native.SigTerm;

    public bool HasHealthCheck => true;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _redisServer = context.Options.InstallMissingBinaries
            ? await OsBinary.EnsureAsync(RedisRecipe.Binary, RedisRecipe.Package, cancellationToken)
            : OsBinary.Find(RedisRecipe.Binary, RedisRecipe.Package);
        ServerData.ResolvePassword(redis, redis.Password, context.Configuration, context.Paths);
    }

    public Task<ProcessLaunch> CreateLaunchAsync(int replica, CancellationToken cancellationToken)
    {
        var (directory, persistent) = ServerData.GetDirectory(redis, context.Paths);
        var command = RedisRecipe.CreateCommand(_redisServer!, redis.PrimaryEndpoint.ReplicaPorts[0], redis.Password.Value, directory, persistent);
        return Task.FromResult(ServerLaunch.From(command, directory));
    }

    public Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
        => RedisRecipe.PingAsync(redis.PrimaryEndpoint.ReplicaPorts[0], redis.Password.Value, cancellationToken);
}
