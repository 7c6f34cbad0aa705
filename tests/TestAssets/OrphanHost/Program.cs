using Platform.Hosting;

// An AppHost-like process for the orphan tests. args[0]: the state folder for pid files; args[1]: a temporary folder for data.
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    StateDirectory = args[0],
    DataDirectory = Path.Combine(args[1], "data"),
    TemporaryDirectory = args[1],
    RandomizePorts = true,
    EchoResourceOutput = false,
});

builder.AddExecutable("sleeper-a", "sleep", ".", "600");
builder.AddExecutable("sleeper-b", "sleep", ".", "600");
builder.AddRedis("cache");

var app = builder.Build();
_ = Task.Run(async () =>
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync("sleeper-a");
    await app.ResourceNotifications.WaitForResourceHealthyAsync("sleeper-b");
    await app.ResourceNotifications.WaitForResourceHealthyAsync("cache");

    Console.WriteLine("ready");
});

// Runs until SIGTERM/Ctrl+C (the graceful test) or SIGKILL (the orphan test).
await app.RunAsync();
Console.WriteLine("stopped");
