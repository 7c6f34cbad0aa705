using System.Diagnostics;
using Platform.Hosting.Servers;

namespace AppHost.Bench;

/// <summary>One `dotnet run --project AppHost --no-build`: ms until the API's /health on its launch-profile port answers 200, and how it stopped.</summary>
internal sealed record DotnetRunResult(double HealthyMs, double StopMs, string StoppedBy, int Processes, List<string> Left);

/// <summary>
/// The AppHost as a user starts it: `dotnet run --project AppHost --no-build` (launch profile "http": the dashboard on
/// 18888, the API on 5080), polled with GET http://localhost:5080/health every 100 ms, then stopped with SIGTERM to the
/// `dotnet run` process (by pid); every process it started must be gone within 30 s.
/// </summary>
internal static class DotnetRun
{
    private static readonly int[] LaunchProfilePorts = [5080, 18888, 18889, 18890];

    public static async Task<DotnetRunResult> RunAsync(string repositoryRoot, string configuration, string dataDirectory, CancellationToken cancellationToken)
    {
        if (LaunchProfilePorts.FirstOrDefault(FreePort.IsInUse) is var busy and not 0)
        {
            throw new InvalidOperationException($"Port {busy} is in use (another AppHost?); `dotnet run --project AppHost` needs 5080 and 18888-18890.");
        }

        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        string[] arguments = ["run", "--project", "AppHost", "--no-build", "-c", configuration, "--", $"LocalServers:DataDirectory={dataDirectory}"];
        foreach (var argument in arguments.Concat(Secrets.Parameters.Select(p => $"Parameters:{p.Name}={p.Value}")))
        {
            psi.ArgumentList.Add(argument);
        }

        var output = new Queue<string>();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);

        var start = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        double? healthyMs = null;
        while (healthyMs is null && !deadline.IsCancellationRequested && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("http://localhost:5080/health"), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    healthyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not up yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // A slow answer; ask again.
            }

            await Task.Delay(100, CancellationToken.None);
        }

        // What it started: everything below `dotnet run`, and the DCP that watches its AppHost.
        var tree = ProcFs.TreeOf(process.Id, ProcFs.Snapshot());

        var stopping = Stopwatch.GetTimestamp();
        var stoppedBy = "SIGTERM to dotnet run";
        ProcFs.Signal(process.Id, ProcFs.SigTerm);
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                stoppedBy = "SIGTERM ignored for 30 s: killed";
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        var left = await ProcFs.WaitGoneAsync(tree, TimeSpan.FromSeconds(30));
        var stopMs = Stopwatch.GetElapsedTime(stopping).TotalMilliseconds;
        if (healthyMs is null)
        {
            lock (output)
            {
                throw new InvalidOperationException($"The API never answered on http://localhost:5080/health. Last output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }
        }

        return new DotnetRunResult(healthyMs.Value, stopMs, stoppedBy, tree.Count, left.Select(p => $"{p.Name} ({p.Pid})").ToList());
    }

    private static void Keep(Queue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > 80)
            {
                output.Dequeue();
            }
        }
    }
}
