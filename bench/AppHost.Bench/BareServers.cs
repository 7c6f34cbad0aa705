using System.Diagnostics;
using Platform.Hosting.Servers;

namespace AppHost.Bench;

/// <summary>One start of the bare servers. Times are ms from the start; initdb is part of PostgreSQL's.</summary>
internal sealed record BareResult(double RedisMs, double InitdbMs, double PostgresMs, double BankdbMs, double AllMs, long RedisRssKiB, long PostgresRssKiB, long PostgresPssKiB);

/// <summary>
/// The baseline: redis-server and postgres started by hand with the recipes the AppHost's local servers use (the same
/// redis.conf, the same initdb and postgres arguments, as the postgres user when root), both at once as the AppHost
/// starts them, each polled every 50 ms until it answers; then bankdb created, as the AppHost does once PostgreSQL is
/// ready. Stopped by signal to their pids: SIGTERM for Redis, SIGINT ("fast" shutdown) for PostgreSQL.
/// </summary>
internal static class BareServers
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>JIT the probes (Npgsql's first open costs a few hundred ms) so the runs time the servers, not the bench.</summary>
    public static async Task WarmUpAsync()
    {
        var closed = FreePort.Next();
        await RedisRecipe.PingAsync(closed, Secrets.Password);
        await PostgresRecipe.ProbeAsync(PostgresRecipe.GetConnectionString(closed, Secrets.Password));
    }

    /// <summary>Starts both on <paramref name="root"/> (PostgreSQL's cluster in <c>{root}/postgres</c>, created when missing), times them, stops them.</summary>
    public static async Task<BareResult> RunAsync(string root, CancellationToken cancellationToken)
    {
        var redisServer = OsBinary.Find(RedisRecipe.Binary, RedisRecipe.Package);
        var start = Stopwatch.GetTimestamp();
        double Since() => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var redisPort = FreePort.Next();
        var redis = Task.Run(async () =>
        {
            // As the AppHost runs it: a config file in a folder of the run, nothing kept on disk.
            var command = RedisRecipe.CreateCommand(redisServer, redisPort, Secrets.Password, Path.Combine(root, "redis-run"));
            var process = Launch(command);
            await WaitUntilAsync(process, ct => RedisRecipe.PingAsync(redisPort, Secrets.Password, ct), cancellationToken);
            return (process, Since());
        }, cancellationToken);

        var postgresPort = FreePort.Next();
        var postgres = Task.Run(async () =>
        {
            var dataDirectory = Path.Combine(root, "postgres");
            await PostgresRecipe.InitializeDataDirectoryAsync(dataDirectory, Secrets.Password, cancellationToken);
            var initdb = Since();
            var process = Launch(PostgresRecipe.CreateCommand(dataDirectory, postgresPort));
            var connectionString = PostgresRecipe.GetConnectionString(postgresPort, Secrets.Password);
            await WaitUntilAsync(process, ct => PostgresRecipe.ProbeAsync(connectionString, ct), cancellationToken);
            var answers = Since();
            await PostgresRecipe.CreateDatabaseAsync(connectionString, "bankdb", cancellationToken);
            return (process, initdb, answers, Since());
        }, cancellationToken);

        var (redisProcess, redisMs) = await redis;
        var (postgresProcess, initdbMs, postgresMs, bankdbMs) = await postgres;
        var allMs = Since();

        var postgresPid = postgresProcess.Process.Id;
        var postgresFamily = ProcFs.DescendantsOf(postgresPid, ProcFs.Snapshot()).Select(p => p.Pid).Append(postgresPid).ToList();
        var result = new BareResult(
            redisMs, initdbMs, postgresMs, bankdbMs, allMs,
            ProcFs.RssKiB(redisProcess.Process.Id), postgresFamily.Sum(ProcFs.RssKiB), postgresFamily.Sum(ProcFs.PssKiB));

        await StopAsync(redisProcess, ProcFs.SigTerm);
        await StopAsync(postgresProcess, ProcFs.SigInt);
        return result;
    }

    private static Running Launch(ServerCommand command)
    {
        var psi = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in command.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            psi.Environment[name] = value;
        }

        var process = new Process { StartInfo = psi };
        var output = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Enqueue(line);
                if (output.Count > 50)
                {
                    output.Dequeue();
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Running(process, output);
    }

    private static async Task WaitUntilAsync(Running server, Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!await probe(timeout.Token))
        {
            if (server.Process.HasExited)
            {
                lock (server.Output)
                {
                    throw new InvalidOperationException(
                        $"{server.Process.StartInfo.FileName} exited with code {server.Process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, server.Output)}");
                }
            }

            await Task.Delay(ProbeInterval, timeout.Token);
        }
    }

    private static async Task StopAsync(Running server, int signal)
    {
        using (var process = server.Process)
        {
            ProcFs.Signal(process.Id, signal);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private sealed record Running(Process Process, Queue<string> Output);
}
