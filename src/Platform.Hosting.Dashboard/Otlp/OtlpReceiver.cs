using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Platform.Hosting.Dashboard.Otlp.Proto;
using Platform.Hosting.Dashboard.Web;

namespace Platform.Hosting.Dashboard.Otlp;

/// <summary>
/// The OTLP/HTTP endpoints: <c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c> with protobuf bodies.
/// 401 without the API key, 415 for another content type or encoding, 413 over the size limit, 400 for a body that does not decode.
/// </summary>
internal sealed class OtlpReceiver(OtlpIngestor ingestor, Secret apiKey, long maxBodySize, ILogger logger)
{
    public const string ApiKeyHeader = "x-otlp-api-key";
    private const string ProtobufContentType = "application/x-protobuf";

    public void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!apiKey.Matches(context.Request.Headers[ApiKeyHeader].ToString()))
            {
                await RejectAsync(context, StatusCodes.Status401Unauthorized, $"Missing or wrong {ApiKeyHeader} header.");
                return;
            }

            await next(context);
        });
        app.MapPost("/v1/traces", context => HandleAsync(
            context, ExportTraceServiceRequest.Parser, r => ingestor.Ingest(r), n => new ExportTraceServiceResponse { PartialSuccess = n > 0 ? new() { RejectedSpans = n, ErrorMessage = "Spans need a 16-byte trace id and an 8-byte span id." } : null }));
        app.MapPost("/v1/metrics", context => HandleAsync(
            context, ExportMetricsServiceRequest.Parser, r => ingestor.Ingest(r), n => new ExportMetricsServiceResponse { PartialSuccess = n > 0 ? new() { RejectedDataPoints = n, ErrorMessage = "Metrics without data were ignored." } : null }));
        app.MapPost("/v1/logs", context => HandleAsync(
            context, ExportLogsServiceRequest.Parser, r => ingestor.Ingest(r), n => new ExportLogsServiceResponse()));
    }

    private async Task HandleAsync<TRequest>(HttpContext context, MessageParser<TRequest> parser, Func<TRequest, long> ingest, Func<long, IMessage> respond)
        where TRequest : IMessage<TRequest>
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be {ProtobufContentType}; OTLP/JSON is not supported.");
            return;
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Encoding must be gzip or absent.");
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context, gzip);
        }
        catch (BadHttpRequestException ex)
        {
            await RejectAsync(context, ex.StatusCode, ex.Message);
            return;
        }
        catch (InvalidDataException)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "The gzip body is corrupt.");
            return;
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "The body is not a valid OTLP protobuf message: " + ex.Message);
            return;
        }

        var rejected = ingest(request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(respond(rejected).ToByteArray(), context.RequestAborted);
    }

    private async Task<byte[]> ReadBodyAsync(HttpContext context, bool gzip)
    {
        // Kestrel enforces the limit on the wire (413); the same limit applies after decompression against gzip bombs.
        using var buffer = new MemoryStream();
        var source = gzip ? new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true) : context.Request.Body;
        await using (source)
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await source.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBodySize)
                {
                    throw new BadHttpRequestException($"The body exceeds the limit of {maxBodySize} bytes.", StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.ToArray();
    }

    private async Task RejectAsync(HttpContext context, int statusCode, string reason)
    {
        Log.OtlpRejected(logger, context.Request.Path, statusCode, reason);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ProtobufContentType;

        // OTLP/HTTP wants a google.rpc.Status body on errors: code = 1 (varint), message = 2 (string).
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(statusCode == StatusCodes.Status401Unauthorized ? 16 : 3);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(reason);
        output.Flush();
        await context.Response.Body.WriteAsync(stream.ToArray(), context.RequestAborted);
    }
}
