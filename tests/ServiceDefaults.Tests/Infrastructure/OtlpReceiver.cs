using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Hosting.Dashboard.Otlp.Proto;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A tiny OTLP/HTTP collector: accepts POST /v1/traces, /v1/metrics and /v1/logs on a loopback
/// Kestrel server, decodes the protobuf bodies and keeps them with the headers they came with.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ExportTraceServiceRequest> _traces = new();
    private readonly ConcurrentQueue<ExportMetricsServiceRequest> _metrics = new();
    private readonly ConcurrentQueue<ExportLogsServiceRequest> _logs = new();
    private readonly ConcurrentQueue<string> _apiKeys = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private LoopbackServer? _server;

    public Uri Address => _server!.Address;

    public IReadOnlyList<ExportTraceServiceRequest> Traces => [.. _traces];

    public IReadOnlyList<ExportMetricsServiceRequest> Metrics => [.. _metrics];

    public IReadOnlyList<ExportLogsServiceRequest> Logs => [.. _logs];

    /// <summary>The <c>x-otlp-api-key</c> header of every export request.</summary>
    public IReadOnlyList<string> ApiKeys => [.. _apiKeys];

    /// <summary>Requests that were not an OTLP/HTTP protobuf export.</summary>
    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._server = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        // The app under test listens to every ASP.NET Core activity in the process; the
        // collector's own requests must not become spans that are exported back to it.
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.ActivityTraceFlags &= ~System.Diagnostics.ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value;
        if (context.Request.Method != "POST" || context.Request.ContentType != "application/x-protobuf")
        {
            _unexpected.Enqueue($"{context.Request.Method} {path} {context.Request.ContentType}");
            context.Response.StatusCode = 400;
            return;
        }

        _apiKeys.Enqueue(context.Request.Headers["x-otlp-api-key"].ToString());
        switch (path)
        {
            case "/v1/traces":
                _traces.Enqueue(ExportTraceServiceRequest.Parser.ParseFrom(body));
                await Respond(context, new ExportTraceServiceResponse());
                break;
            case "/v1/metrics":
                _metrics.Enqueue(ExportMetricsServiceRequest.Parser.ParseFrom(body));
                await Respond(context, new ExportMetricsServiceResponse());
                break;
            case "/v1/logs":
                _logs.Enqueue(ExportLogsServiceRequest.Parser.ParseFrom(body));
                await Respond(context, new ExportLogsServiceResponse());
                break;
            default:
                _unexpected.Enqueue($"POST {path}");
                context.Response.StatusCode = 404;
                break;
        }
    }

    private static Task Respond(HttpContext context, IMessage response)
    {
        context.Response.ContentType = "application/x-protobuf";
        return context.Response.Body.WriteAsync(response.ToByteArray()).AsTask();
    }
}
