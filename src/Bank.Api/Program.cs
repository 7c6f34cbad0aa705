using Bank.Api.Apis;
using Bank.Api.Extensions;
using Bank.Api.Security;
using Orleans.Dashboard;
using Platform.AspNetCore.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddOpenTelemetryTracingSource("Npgsql");   // token lookups in each request's trace (Orleans adds its own sources)
builder.AddBankBackend();
builder.AddApplicationServices();

var app = builder.Build();

app.UseBankPipeline();
app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapAccountsApi();
app.MapTransfersApi();
app.MapTokenAdminApi(Policies.Admin);
app.MapOrleansDashboard(DashboardRoute.Path).RequireAuthorization(Policies.Admin);

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
