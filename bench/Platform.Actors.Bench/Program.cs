using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Actors;
using Platform.Actors.Bench;

// Usage: dotnet run -c Release --project bench/Platform.Actors.Bench -- [seconds per scenario, default 3]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var duration = TimeSpan.FromSeconds(seconds);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.UseActors();
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var grain = grains.GetGrain<IBenchGrain>(1);
await using var mailbox = new ChannelMailbox();

Console.WriteLine($"Platform.Actors local call benchmark: {seconds:0.#} s per scenario, {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine("All callers call ONE grain (or ONE channel consumer): the mailbox is the bottleneck in both.");
Console.WriteLine();
Console.WriteLine($"{"scenario",-34} {"callers",7} {"calls/s",12} {"p50 µs",9} {"p99 µs",9} {"vs baseline",12} {"B/call",8}");
foreach (var callers in new[] { 1, 64 })
{
    var baseline = await LoadRunner.RunAsync("baseline: Channel<T> + 1 consumer", callers, duration, _ => mailbox.AddAsync(1));
    var actors = await LoadRunner.RunAsync("grain call (serialized round trip)", callers, duration, _ => grain.AddAsync(1).AsTask());
    Print(baseline, baseline);
    Print(actors, baseline);
}

await host.StopAsync();
await ClusterBench.RunAsync(duration);

static void Print(LoadRunner.Result result, LoadRunner.Result baseline) =>
    Console.WriteLine(
        $"{result.Name,-34} {result.Callers,7} {result.CallsPerSecond,12:N0} {result.P50Microseconds,9:0.0} {result.P99Microseconds,9:0.0} {result.CallsPerSecond / baseline.CallsPerSecond,11:0.00}x {result.BytesPerCall,8:0}");
