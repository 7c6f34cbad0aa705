using RenderFarm.Api;
using RenderFarm.Api.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformClusterClient();   // the shared cluster, where the farm's silos host its grains
builder.AddFarmServices();

var app = builder.Build();

app.UseFarmPipeline();
app.MapDefaultEndpoints();

app.MapPage();
app.MapJobsApi();
app.MapAdminApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
