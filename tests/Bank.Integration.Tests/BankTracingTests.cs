using System.Diagnostics;
using System.Net.Http.Json;
using Platform.Tests.Shared;

namespace Bank.Integration.Tests;

/// <summary>What a developer sees in the Aspire dashboard: one transfer request is one trace across the processes it touched.</summary>
public sealed class BankTracingTests
{
    [Fact]
    public async Task Transfer_OneRequest_IsOneTraceInTheDashboardSpanningApiSilosAndPostgreSql()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var bank = await BankSystem.StartAsync(withDashboard: true, timeout.Token);
        var (app, http, admin) = (bank.App, bank.Http, bank.Admin);
        using var dashboard = await DashboardTelemetry.ConnectAsync(app, timeout.Token);
        var teller = await admin.IssueAsync("teller-1", "teller");
        var from = await (await admin.IssueAsync("customer-1", "customer")).OpenAsync();
        var to = await (await admin.IssueAsync("customer-2", "customer")).OpenAsync();
        await teller.SendAsync(HttpMethod.Post, $"/accounts/{from}/deposits", new { amount = "50.00" }, key: "seed");
        // The first transfer of a fresh cluster activates and compiles the transfer paths on each silo it touches; on a
        // busy two-core machine that can outlast the 3 s response timeout and answer 503 (retryable, and retried here).
        // The trace under test is a warm system's, sent once.
        await teller.SendAsync(HttpMethod.Post, "/transfers", new { from, to, amount = "1.00" }, key: "warm-up");

        // The caller starts the trace, as an instrumented client would, so the test knows its id.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpanId = ActivitySpanId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/transfers") { Content = JsonContent.Create(new { from, to, amount = "5.00" }) };
        request.Headers.Authorization = new("Bearer", teller.Token);
        request.Headers.Add("Idempotency-Key", "traced");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");
        using var response = await http.SendAsync(request, timeout.Token);
        Assert.True(response.IsSuccessStatusCode, $"The traced transfer answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout.Token)}");

        var within = TimeSpan.FromSeconds(90);
        var spans = await dashboard.WaitForTraceAsync(traceId, IsComplete, within, timeout.Token);
        if (!IsComplete(spans))
        {
            var seen = spans.Count > 0
                ? string.Join(", ", spans)
                : $"none (the dashboard has telemetry from: {string.Join(", ", await dashboard.GetResourcesAsync(timeout.Token))})";
            Assert.Fail($"Trace {traceId} never spanned api, silo and PostgreSQL in the dashboard within {within.TotalSeconds} s. Spans seen: {seen}");
        }

        // The API continued the caller's W3C context rather than starting a trace of its own.
        var apiRequest = Assert.Single(spans, span => span.Resource == "api" && span.Kind == OtlpSpanKind.Server);
        Assert.Equal(callerSpanId, apiRequest.ParentSpanId);
    }

    private static bool IsComplete(IReadOnlyList<DashboardSpan> trace) =>
        trace.Any(span => span.Resource == "api" && span.Kind == OtlpSpanKind.Server)
        && trace.Any(span => span.Resource == "silo" && span.Kind == OtlpSpanKind.Server && span.Scope == "Microsoft.Orleans.Runtime")
        // Both accounts' grains write their state to PostgreSQL inside the same trace.
        && trace.Count(span => span.Resource == "silo" && IsPostgreSql(span)) >= 2;

    // Npgsql's own ActivitySource: a client span per command sent to PostgreSQL.
    private static bool IsPostgreSql(DashboardSpan span) => span.Scope == "Npgsql" && span.Kind == OtlpSpanKind.Client;
}
