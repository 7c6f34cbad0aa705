using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ServiceDefaults.Tests.Infrastructure;

namespace ServiceDefaults.Tests;

public sealed class ResilienceHandlerTests
{
    private const string Client = "api-client";

    /// <summary>Short delays so retries do not slow the suite; jitter off so the backoff is known.</summary>
    private static Dictionary<string, string?> FastRetries(Uri api, params (string Key, string Value)[] overrides)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["services:api:http:0"] = api.ToString(),
            [$"HttpClientResilience:{Client}:RetryDelay"] = "00:00:00.010",
            [$"HttpClientResilience:{Client}:RetryUseJitter"] = "false",
        };
        foreach (var (key, value) in overrides)
        {
            configuration[$"HttpClientResilience:{Client}:{key}"] = value;
        }

        return configuration;
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableThenOk_RetriesUntilSuccess()
    {
        var calls = 0;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) <= 2 ? 503 : 200;
            return Task.CompletedTask;
        });
        using var host = ClientHost.Create(FastRetries(api.Address));

        using var response = await host.CreateClient(Client).GetAsync(new Uri("http://api/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, api.RequestCount);
    }

    [Fact]
    public async Task Send_Synchronous_RetriesLikeSendAsync()
    {
        var calls = 0;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 503 : 200;
            return Task.CompletedTask;
        });
        using var host = ClientHost.Create(FastRetries(api.Address));
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("http://api/items/1")) { Content = new StringContent("v") };

        // Send blocks a thread; run it off the test's thread as a synchronous caller would.
        using var response = await Task.Run(() => host.CreateClient(Client).Send(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_ClientHandlerRegisteredBeforeDefaults_StillSitsInsideResilience()
    {
        await using var live = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("live"));
        var dead = LoopbackServer.UnusedAddress();
        var recorder = new AttemptRecorder();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = FastRetries(dead);
        configuration["services:api:http:1"] = live.Address.ToString();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddHttpClient(Client).AddHttpMessageHandler(() => recorder);
        builder.AddServiceDefaults();
        using var host = builder.Build();

        var body = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Client).GetStringAsync(new Uri("http://api/"));

        Assert.Equal("live", body);
        Assert.Equal([dead.Port, live.Address.Port], recorder.Attempts.Select(a => a.Port));
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_RetriesOnTheNextReplica()
    {
        await using var live = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("live"));
        var dead = LoopbackServer.UnusedAddress();
        var recorder = new AttemptRecorder();
        var configuration = FastRetries(dead);
        configuration["services:api:http:1"] = live.Address.ToString();
        using var host = ClientHost.Create(configuration, services => services.AddHttpClient(Client).AddHttpMessageHandler(() => recorder));

        var body = await host.CreateClient(Client).GetStringAsync(new Uri("http://api/"));

        Assert.Equal("live", body);
        Assert.Equal([dead.Port, live.Address.Port], recorder.Attempts.Select(a => a.Port));
    }

    [Fact]
    public async Task SendAsync_ConnectionRefusedEverywhere_ThrowsHttpRequestExceptionAfterEveryRetry()
    {
        var recorder = new AttemptRecorder();
        using var host = ClientHost.Create(
            FastRetries(LoopbackServer.UnusedAddress()),
            services => services.AddHttpClient(Client).AddHttpMessageHandler(() => recorder));

        await Assert.ThrowsAsync<HttpRequestException>(() => host.CreateClient(Client).GetAsync(new Uri("http://api/")));

        Assert.Equal(4, recorder.Attempts.Count);
    }

    [Fact]
    public async Task SendAsync_PostWithoutIdempotencyKey_IsNotRetried()
    {
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        using var host = ClientHost.Create(FastRetries(api.Address));

        using var response = await host.CreateClient(Client).PostAsync(new Uri("http://api/transfers"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_PostWithIdempotencyKey_IsRetriedWithTheSameBody()
    {
        var bodies = new List<string>();
        await using var api = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            int count;
            lock (bodies)
            {
                bodies.Add(body + "|" + context.Request.Headers["Idempotency-Key"]);
                count = bodies.Count;
            }

            context.Response.StatusCode = count == 1 ? 503 : 201;
        });
        using var host = ClientHost.Create(FastRetries(api.Address));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("http://api/transfers"))
        {
            Content = new StringContent("""{"amount":5}"""),
        };
        request.Headers.Add("Idempotency-Key", "transfer-42");

        using var response = await host.CreateClient(Client).SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["""{"amount":5}|transfer-42""", """{"amount":5}|transfer-42"""], bodies);
    }

    [Fact]
    public async Task SendAsync_RetryAfterHeader_WaitsTheDelayTheServerAskedFor()
    {
        var calls = 0;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        });
        var time = new RecordingTimeProvider();
        using var host = ClientHost.Create(FastRetries(api.Address), services => services.AddSingleton<TimeProvider>(time));

        using var response = await host.CreateClient(Client).GetAsync(new Uri("http://api/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, api.RequestCount);
        // The retry waited on a one-second timer (the header), not the 10 ms backoff.
        Assert.Contains(TimeSpan.FromSeconds(1), time.DueTimes);
        Assert.DoesNotContain(TimeSpan.FromMilliseconds(10), time.DueTimes);
    }

    [Fact]
    public async Task SendAsync_FailuresAboveRatio_OpenCircuitThatClosesAfterBreak()
    {
        var failing = true;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) ? 500 : 200;
            return Task.CompletedTask;
        });
        using var host = ClientHost.Create(FastRetries(
            api.Address,
            ("MaxRetryAttempts", "0"),
            ("CircuitBreakerMinimumThroughput", "2"),
            ("CircuitBreakerFailureRatio", "0.5"),
            ("CircuitBreakerBreakDuration", "00:00:00.500")));
        using var client = host.CreateClient(Client);

        for (var i = 0; i < 2; i++)
        {
            using var failed = await client.GetAsync(new Uri("http://api/"));
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        var open = await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(new Uri("http://api/")));
        Assert.Contains($"HttpClient '{Client}'", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.RequestCount);

        Volatile.Write(ref failing, false);
        var recovered = await EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("http://api/"));
            return response.StatusCode;
        });

        Assert.Equal(HttpStatusCode.OK, recovered);
        using var afterClose = await client.GetAsync(new Uri("http://api/"));
        Assert.Equal(HttpStatusCode.OK, afterClose.StatusCode);
    }

    [Fact]
    public async Task SendAsync_EveryAttemptTooSlow_ThrowsAttemptTimeout()
    {
        await using var api = await LoopbackServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var host = ClientHost.Create(FastRetries(
            api.Address,
            ("AttemptTimeout", "00:00:00.200"),
            ("MaxRetryAttempts", "1")));

        var error = await Assert.ThrowsAsync<TimeoutRejectedException>(() => host.CreateClient(Client).GetAsync(new Uri("http://api/slow")));

        Assert.Contains("attempt timeout of 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains($"HttpClientResilience:{Client}:AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_RetriesOutlastTotalTimeout_ThrowsTotalTimeout()
    {
        await using var api = await LoopbackServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var host = ClientHost.Create(FastRetries(
            api.Address,
            ("AttemptTimeout", "00:00:00.200"),
            ("TotalRequestTimeout", "00:00:00.700"),
            ("MaxRetryAttempts", "20")));

        var error = await Assert.ThrowsAsync<TimeoutRejectedException>(() => host.CreateClient(Client).GetAsync(new Uri("http://api/slow")));

        Assert.Contains("total request timeout of 0.7 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(api.RequestCount, 1, 20);
    }

    [Fact]
    public async Task ConfigureHttpClientResilience_InCode_OverridesConfiguration()
    {
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        using var host = ClientHost.Create(
            FastRetries(api.Address, ("MaxRetryAttempts", "3")),
            services => services.ConfigureHttpClientResilience(Client, options => options.MaxRetryAttempts = 1));

        using var response = await host.CreateClient(Client).GetAsync(new Uri("http://api/"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_AttemptTimeoutNotBelowTotal_ThrowsNamingTheKeys()
    {
        using var host = ClientHost.Create(new Dictionary<string, string?>
        {
            [$"HttpClientResilience:{Client}:AttemptTimeout"] = "00:01:00",
        });

        var error = Assert.Throws<InvalidOperationException>(() => host.CreateClient(Client));

        Assert.Contains($"HttpClientResilience:{Client}:AttemptTimeout", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    /// <summary>Polls while the circuit is still open; the break is short, so this ends within a second or two.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpStatusCode>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (BrokenCircuitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
