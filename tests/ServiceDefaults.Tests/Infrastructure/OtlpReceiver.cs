using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Hosting.Dashboard.Otlp.Proto;

namespace ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A tiny OTLP collector on a loopback Kestrel server: OTLP/HTTP (POST /v1/traces, /v1/metrics,
/// /v1/logs) or OTLP/gRPC; decodes the protobuf bodies and keeps them with the API key they came with.
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

    /// <summary>Starts an OTLP/HTTP (protobuf) collector, or with <paramref name="grpc"/> an OTLP/gRPC one over cleartext HTTP/2.</summary>
    public static async Task<OtlpReceiver> StartAsync(bool grpc = false)
    {
        var receiver = new OtlpReceiver();
        receiver._server = grpc
            ? await LoopbackServer.StartAsync(receiver.HandleGrpcAsync, HttpProtocols.Http2)
            : await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        Unrecord(context);
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

    private async Task HandleGrpcAsync(HttpContext context)
    {
        Unrecord(context);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var frame = buffer.ToArray();
        var path = context.Request.Path.Value;

        // gRPC message framing: 1 byte "compressed" flag, 4 bytes big-endian length, the message.
        if (context.Request.ContentType != "application/grpc" || frame.Length < 5 || frame[0] != 0)
        {
            _unexpected.Enqueue($"{context.Request.Method} {path} {context.Request.ContentType}");
            context.Response.StatusCode = 400;
            return;
        }

        var message = frame.AsSpan(5, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1, 4)));
        _apiKeys.Enqueue(context.Request.Headers["x-otlp-api-key"].ToString());
        switch (path)
        {
            case "/opentelemetry.proto.collector.trace.v1.TraceService/Export":
                _traces.Enqueue(ExportTraceServiceRequest.Parser.ParseFrom(message));
                break;
            case "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export":
                _metrics.Enqueue(ExportMetricsServiceRequest.Parser.ParseFrom(message));
                break;
            case "/opentelemetry.proto.collector.logs.v1.LogsService/Export":
                _logs.Enqueue(ExportLogsServiceRequest.Parser.ParseFrom(message));
                break;
            default:
                _unexpected.Enqueue($"POST {path}");
                break;
        }

        // Every Export response message is empty here: one frame of length 0, then status OK.
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private static void Unrecord(HttpContext context)
    {
        // The app under test listens to every ASP.NET Core activity in the process; the
        // collector's own requests must not become spans that are exported back to it.
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.ActivityTraceFlags &= ~System.Diagnostics.ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
        }
    }

    private static Task Respond(HttpContext context, IMessage response)
    {
        context.Response.ContentType = "application/x-protobuf";
        return context.Response.Body.WriteAsync(response.ToByteArray()).AsTask();
    }
}
