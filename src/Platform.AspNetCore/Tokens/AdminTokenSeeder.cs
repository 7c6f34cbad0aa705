using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.AspNetCore.Tokens;

/// <summary>Creates the token table and seeds the admin credential: <c>{Section}:AdminToken</c>, or a generated one printed once.</summary>
internal sealed partial class AdminTokenSeeder(TokenStore tokens, IOptions<ApiTokenOptions> options, ILogger<AdminTokenSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tokens.EnsureSchemaAsync(cancellationToken);
        var section = options.Value.Section;
        if (options.Value.AdminToken is { Length: > 0 } configured)
        {
            await tokens.AddAsync(configured, ApiRoles.Admin, ApiRoles.Admin, cancellationToken);
            LogSeeded(logger, section);
        }
        else if (!await tokens.AnyAdminAsync(cancellationToken))
        {
            var generated = tokens.NewToken();
            await tokens.AddAsync(generated, ApiRoles.Admin, ApiRoles.Admin, cancellationToken);
            // Deliberately the console, not the logger: printed once for the operator, never shipped as telemetry.
            Console.WriteLine($"{section} admin token (shown once, store it now, or set {section}:AdminToken): {generated}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "The admin token from {Section}:AdminToken is registered.")]
    private static partial void LogSeeded(ILogger logger, string section);
}
