using Bank.Grains;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBankSilo();   // an Orleans silo as Aspire configures it, with the bank's grains on bankdb and Redis events

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
