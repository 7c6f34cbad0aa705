using Platform.Hosting;

// args[0]: the state folder where pid files go; args[1]: a temporary folder for the run's data.
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
await app.StartAsync();
await app.ResourceNotifications.WaitForResourceHealthyAsync("cache");
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
