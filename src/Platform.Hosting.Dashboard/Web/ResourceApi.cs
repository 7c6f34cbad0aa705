using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Dashboard.Resources;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>Resources, their commands and console output, read from the orchestrator's <see cref="IResourceSource"/>.</summary>
internal static class ResourceApi
{
    // The mask is applied here again: a source that forgot to mask must still not show a secret.
    private const string Mask = "••••••";
    private const int MaxConsoleLines = 10_000;

    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal) { ResourceCommands.Start, ResourceCommands.Stop, ResourceCommands.Restart };

    public static void Map(IEndpointRouteBuilder app, IResourceSource source, ILogger logger)
    {
        app.MapGet("/api/resources", () => Results.Json(source.GetResources().Select(ToJson)));

        app.MapPost("/api/resources/{name}/commands/{command}", async (HttpContext context, string name, string command, int? replica) =>
        {
            if (!BrowserAuth.HasRequestHeader(context))
            {
                return Results.Json(new { error = $"Commands need the {BrowserAuth.RequestHeader} header." }, statusCode: StatusCodes.Status403Forbidden);
            }

            if (!Commands.Contains(command))
            {
                return Results.Json(new { error = $"Unknown command '{command}'; use start, stop or restart." }, statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                await source.ExecuteCommandAsync(name, command, replica, context.RequestAborted);
                return Results.Accepted();
            }
            catch (ArgumentException ex)
            {
                return Results.Json(new { error = ex.Message }, statusCode: StatusCodes.Status404NotFound);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.CommandFailed(logger, command, name, ex);
                return Results.Json(new { error = $"The {command} command on '{name}' failed: {ex.Message}" }, statusCode: StatusCodes.Status500InternalServerError);
            }
        });

        app.MapGet("/api/console/{name}", (string name, int? replica) =>
        {
            var lines = source.GetConsoleLogs(name, replica);
            return Results.Json(new { resource = name, lines = lines.Skip(Math.Max(0, lines.Count - MaxConsoleLines)).Select(ToJson) });
        });
    }

    public static object ToJson(ConsoleLogLine line) => new
    {
        replica = line.Replica,
        sequence = line.Sequence,
        timestamp = line.Timestamp,
        text = line.Text,
        isError = line.IsError,
    };

    private static object ToJson(ResourceSnapshot r) => new
    {
        name = r.Name,
        type = r.Type,
        state = r.State,
        stateDetail = r.StateDetail,
        health = r.Health,
        startedAt = r.StartedAt,
        restartCount = r.RestartCount,
        parent = r.Parent,
        replicas = r.Replicas,
        urls = r.Urls,
        environment = r.Environment.Select(e => new { name = e.Name, value = e.IsSecret ? Mask : e.Value, isSecret = e.IsSecret }),
    };
}
