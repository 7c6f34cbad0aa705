using System.Text.RegularExpressions;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Dashboard.Integration.Tests.Support;
using Platform.Hosting.Testing;

namespace Platform.Hosting.Dashboard.Integration.Tests;

/// <summary>What the AppHost prints about its dashboard: the login line (the token's only appearance) and the table row.</summary>
[Collection(ConsoleRedirection.Name)]
public sealed partial class DashboardConsoleTests
{
    [Fact]
    public async Task StartAsync_AppHostWithDashboard_PrintsTheLoginLineOnceAndTheDashboardInTheTable()
    {
        var folder = Directory.CreateTempSubdirectory("platform-dashboard-console-");
        var original = Console.Out;
        using var captured = new StringWriter();
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
            {
                AppHostDirectory = folder.FullName,
                DataDirectory = Path.Combine(folder.FullName, "data"),
                TemporaryDirectory = folder.FullName,
                RandomizePorts = true,
                EchoResourceOutput = true,
            });
            builder.AddExecutable("probe", "sh", ".", "-c", "echo probe-ran");
            Console.SetOut(TextWriter.Synchronized(captured));
            await using (var app = builder.Build())
            {
                await app.StartAsync(TestTimeout.Token());
                await app.ResourceNotifications.WaitForResourceAsync("probe", KnownResourceStates.Exited, TestTimeout.Token());
                var dashboard = app.GetDashboard();

                var output = captured.ToString();
                var login = Assert.Single(output.Split('\n'), l => l.StartsWith("Login to the dashboard at ", StringComparison.Ordinal));
                Assert.Matches(LoginLine(), login);
                Assert.Equal($"Login to the dashboard at {dashboard.LoginUrl}", login);
                Assert.Matches($@"\n  dashboard +Dashboard +- +{Regex.Escape(dashboard.BrowserUrl)}\n", output);
            }

            // Through the whole run, stop included, no log line repeated the token (the log lines are in the capture too).
            var all = captured.ToString();
            Assert.Contains("Stopping 1 resources", all, StringComparison.Ordinal);
            var token = LoginLine().Match(all).Groups["token"].Value;
            Assert.Single(Regex.Matches(all, token));
        }
        finally
        {
            Console.SetOut(original);
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^Login to the dashboard at http://127\.0\.0\.1:(?<port>[0-9]+)/login\?t=(?<token>[0-9a-f]{32})$", RegexOptions.Multiline)]
    private static partial Regex LoginLine();
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleRedirection
{
    public const string Name = "Console";
}
