using Bank.Api.Extensions;
using Microsoft.Extensions.Options;

namespace Bank.Api.Security;

/// <summary>Creates the token table and seeds the admin credential: <c>Bank:AdminToken</c>, or a generated one printed once.</summary>
internal sealed partial class AdminTokenSeeder(TokenStore tokens, IOptions<BankApiOptions> options, ILogger<AdminTokenSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tokens.EnsureSchemaAsync(cancellationToken);
        if (options.Value.AdminToken is { Length: > 0 } configured)
        {
            await tokens.AddAsync(configured, "admin", Roles.Admin, cancellationToken);
            LogSeeded(logger);
        }
        else if (!await tokens.AnyAdminAsync(cancellationToken))
        {
            var generated = TokenHash.NewToken();
            await tokens.AddAsync(generated, "admin", Roles.Admin, cancellationToken);
            // Deliberately the console, not the logger: printed once for the operator, never shipped as telemetry.
            Console.WriteLine("Bank admin token (shown once, store it now): " + generated);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "The admin token from Bank:AdminToken is registered.")]
    private static partial void LogSeeded(ILogger logger);
}
