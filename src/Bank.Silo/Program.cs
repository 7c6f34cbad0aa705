using Bank.Grains;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBankSilo();   // grains + PostgreSQL state and reminders (bankdb) + Redis events (redis)
builder.Services.AddOpenTelemetryTracingSource("Platform.Actors", "Npgsql");   // grain calls and SQL in each transfer's trace

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
