using System.Reflection;
using System.Collections;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
var app = builder.Build();

var instanceId = Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES") ?? "unknown";

// Which replica answered: the proxy test counts distinct answers.
app.MapGet("/", () => instanceId);

// Everything the orchestrator put in our environment.
app.MapGet("/env", () => Environment.GetEnvironmentVariables()
    .Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""));

// The configuration this process was built in: the orchestrator builds projects in its AppHost's.
app.MapGet("/build", () => typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "");

app.MapGet("/health", () => "Healthy");

// A crash on demand: answer first, then exit with code 3 as a failing service would.
app.MapGet("/crash", () =>
{
    _ = Task.Run(async () =>
    {
        await Task.Delay(100);
        Environment.Exit(3);
    });
    return "crashing";
});

app.Run();
