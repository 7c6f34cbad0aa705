using System.Diagnostics;
using System.Net.Http.Json;
using Platform.Hosting.Dashboard.Integration.Tests.Support;
using Platform.Hosting.Dashboard.Telemetry;
using Platform.Hosting.Testing;

namespace Bank.Integration.Tests;

/// <summary>What a developer sees in the dashboard: one transfer request is one trace across the processes it touched.</summary>
public sealed class BankTracingTests
{
    [Fact]
    public async Task Transfer_OneRequest_IsOneTraceSpanningApiSilosAndPostgreSql()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var bank = await BankSystem.StartAsync(withDashboard: true, timeout.Token);
        var (app, http, admin) = (bank.App, bank.Http, bank.Admin);
        var teller = await admin.IssueAsync("teller-1", "teller");
        var from = await (await admin.IssueAsync("customer-1", "customer")).OpenAsync();
        var to = await (await admin.IssueAsync("customer-2", "customer")).OpenAsync();
        await teller.SendAsync(HttpMethod.Post, $"/accounts/{from}/deposits", new { amount = "50.00" }, key: "seed");

        // The caller starts the trace, as an instrumented client would, so the test knows its id.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpanId = ActivitySpanId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/transfers") { Content = JsonContent.Create(new { from, to, amount = "5.00" }) };
        request.Headers.Authorization = new("Bearer", teller.Token);
        request.Headers.Add("Idempotency-Key", "traced");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");
        using var response = await http.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();

        var store = app.GetDashboard().Telemetry;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        wait.CancelAfter(TimeSpan.FromSeconds(90));
        TraceEntry trace;
        try
        {
            trace = await store.WaitForAsync(
                s => s.GetTrace(traceId) is { } t
                     && t.Spans.Any(span => span.Resource.Name == "api" && span.Kind == "Server")
                     && t.Spans.Any(span => span.Resource.Name == "silo" && span.Kind == "Server" && span.Scope == "Platform.Actors")
                     // Both accounts' grains write their state to PostgreSQL inside the same trace.
                     && t.Spans.Count(span => span.Resource.Name == "silo" && IsPostgreSql(span)) >= 2
                    ? t
                    : null,
                wait.Token);
        }
        catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
        {
            var seen = store.GetTrace(traceId)?.Spans.Select(span => $"{span.Resource.Name}/{span.Scope}/{span.Kind}/{span.Name}") ?? [];
            Assert.Fail($"Trace {traceId} never spanned api, silo and PostgreSQL. Spans seen: {string.Join(", ", seen)}");
            throw;
        }

        // The API continued the caller's W3C context rather than starting a trace of its own.
        var apiRequest = Assert.Single(trace.Spans, span => span.Resource.Name == "api" && span.Kind == "Server");
        Assert.Equal(callerSpanId, apiRequest.ParentSpanId);
    }

    // Npgsql's own ActivitySource: a client span per command sent to PostgreSQL.
    private static bool IsPostgreSql(SpanEntry span) => span.Scope == "Npgsql" && span.Kind == "Client";
}
