using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.Hosting.Dashboard.Tests.Support;

/// <summary>Realistic telemetry for page tests: a request crossing api → silo → database, logs inside it, and metrics.</summary>
public static class DemoTelemetry
{
    /// <summary>Sends one cross-service trace through two exporters (one per service) and returns its trace id.</summary>
    public static string SendTransferTrace(DashboardServer server, bool fail = false)
    {
        var apiSource = "Demo.Api." + Guid.NewGuid().ToString("N");
        var siloSource = "Demo.Silo." + Guid.NewGuid().ToString("N");
        using var api = new ActivitySource(apiSource);
        using var silo = new ActivitySource(siloSource);
        using var apiProvider = TelemetrySender.Tracer(server, apiSource, "api", "api-0");
        using var siloProvider = TelemetrySender.Tracer(server, siloSource, "silo", "silo-0");
        using var logs = TelemetrySender.Logger(server, "silo", "silo-0");
        var logger = logs.CreateLogger("Bank.Grains.AccountGrain");

        string traceId;
        using (var root = api.StartActivity("POST /transfers", ActivityKind.Server)!)
        {
            traceId = root.TraceId.ToHexString();
            root.SetTag("http.request.method", "POST");
            root.SetTag("http.route", "/transfers");
            root.SetTag("http.response.status_code", fail ? 500 : 200);
            Thread.Sleep(2);
            using (var call = api.StartActivity("AccountGrain/Transfer", ActivityKind.Client)!)
            {
                call.SetTag("rpc.system", "platform-actors");
                using var handle = silo.StartActivity("AccountGrain.TransferAsync", ActivityKind.Server)!;
                handle.SetTag("grain.id", "account/42");
                logger.LogInformation("Transferring {Amount} from {From} to {To}", 100, "account/42", "account/7");
                Thread.Sleep(3);
                using (var db = silo.StartActivity("UPDATE accounts", ActivityKind.Client)!)
                {
                    db.SetTag("db.system", "postgresql");
                    db.SetTag("db.statement", "UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND etag = $3");
                    Thread.Sleep(4);
                    if (fail)
                    {
                        db.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection { ["exception.type"] = "Npgsql.PostgresException", ["exception.message"] = "40001: could not serialize access" }));
                        db.SetStatus(ActivityStatusCode.Error, "could not serialize access");
                        logger.LogError(new InvalidOperationException("could not serialize access"), "Transfer {TransferId} failed", "t-9");
                    }
                }

                using (silo.StartActivity("redis PUBLISH balances", ActivityKind.Producer))
                {
                    Thread.Sleep(1);
                }
            }
        }

        Assert.True(apiProvider.ForceFlush(10_000));
        Assert.True(siloProvider.ForceFlush(10_000));
        logs.Dispose();
        return traceId;
    }

    public static void SendLogs(DashboardServer server)
    {
        using var factory = TelemetrySender.Logger(server, "api", "api-0");
        var logger = factory.CreateLogger("Bank.Api.Transfers");
        logger.LogInformation("Now listening on {Address}", "http://127.0.0.1:5123");
        logger.LogDebug("Cache miss for {Key}", "balance:account/42");
        logger.LogWarning("Transfer {TransferId} of {Amount} was retried", "t-42", 100);
        logger.LogError(new TimeoutException("The silo did not answer within 30 s"), "Transfer {TransferId} timed out; the outcome is unknown", "t-43");
    }

    public static void SendMetrics(DashboardServer server)
    {
        var meterName = "Bank.Api";
        using var meter = new Meter(meterName);
        var requests = meter.CreateCounter<long>("http.server.requests", "{request}", "Requests handled");
        var latency = meter.CreateHistogram<double>("http.server.request.duration", "ms", "Time to handle a request");
        var inflight = meter.CreateUpDownCounter<int>("http.server.active_requests", "{request}", "Requests in progress");
        using var provider = TelemetrySender.Meter(server, meterName, "api", "api-0");
        var random = new Random(7);
        for (var round = 0; round < 6; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                requests.Add(1, new KeyValuePair<string, object?>("http.route", i % 3 == 0 ? "/transfers" : "/accounts/{id}"));
                latency.Record(2 + (random.NextDouble() * random.NextDouble() * 120));
            }

            inflight.Add(random.Next(-3, 5));
            Assert.True(provider.ForceFlush(10_000));
        }
    }
}
