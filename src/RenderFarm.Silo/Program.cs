using RenderFarm.Grains;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRenderFarmSilo();   // a silo of the shared cluster with the farm's grains on farmdb, and a render worker

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
