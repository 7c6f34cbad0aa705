using Bank.Api.Apis;
using Bank.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddOpenTelemetryTracingSource("Platform.Actors", "Npgsql");   // grain calls and token lookups in each request's trace
builder.AddBankBackend();
builder.AddApplicationServices();

var app = builder.Build();

app.UseBankPipeline();
app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapAccountsApi();
app.MapTransfersApi();
app.MapAdminApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
