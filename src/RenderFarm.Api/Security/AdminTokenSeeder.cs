using Microsoft.Extensions.Options;

namespace RenderFarm.Api.Security;

/// <summary>Creates the token table and registers the admin credential, <c>Farm:AdminToken</c>.</summary>
internal sealed partial class AdminTokenSeeder(TokenStore tokens, IOptions<FarmApiOptions> options, ILogger<AdminTokenSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tokens.EnsureSchemaAsync(cancellationToken);
        if (options.Value.AdminToken is { Length: > 0 } configured)
        {
            await tokens.AddAsync(configured, "admin", Roles.Admin, cancellationToken);
            LogSeeded(logger);
        }
        else
        {
            LogNoAdmin(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "The admin token from Farm:AdminToken is registered.")]
    private static partial void LogSeeded(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Farm:AdminToken is not set: no admin can issue tokens until it is.")]
    private static partial void LogNoAdmin(ILogger logger);
}
