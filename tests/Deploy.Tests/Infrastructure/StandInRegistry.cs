using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// A read-only OCI registry on loopback serving one base image: the configuration of Microsoft's ASP.NET Core image
/// (its user, port and environment) with no layers. The SDK builds images without a daemon, but it must fetch the base
/// image's manifest and configuration from a registry, and mcr.microsoft.com is not reachable from this machine; this
/// lets a test build the real project's image and read back what the project's container settings put in it. The SDK
/// speaks plain HTTP to a localhost registry.
/// </summary>
internal sealed class StandInRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _config;
    private readonly byte[] _manifest;
    private readonly string _configDigest;
    private readonly string _manifestDigest;
    private readonly Task _serving;

    public StandInRegistry()
    {
        _config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            config = new
            {
                Env = new[] { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true" },
                User = "1654",
                WorkingDir = "/",
            },
            rootfs = new { type = "layers", diff_ids = Array.Empty<string>() },
        });
        _configDigest = Digest(_config);
        _manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.manifest.v1+json",
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = _configDigest, size = _config.Length },
            layers = Array.Empty<object>(),
        });
        _manifestDigest = Digest(_manifest);

        Port = FreePort();
        _listener.Prefixes.Add($"http://localhost:{Port}/");
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The base image reference to give <c>ContainerBaseImage</c>.</summary>
    public string BaseImage => $"localhost:{Port}/dotnet/aspnet:10.0";

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's loop ends with an exception when it is closed.
        }
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var path = context.Request.Url?.AbsolutePath ?? "";
            var (status, body, type, digest) = path switch
            {
                "/v2/" or "/v2" => (200, "{}"u8.ToArray(), "application/json", null),
                _ when path.Contains("/manifests/", StringComparison.Ordinal) => (200, _manifest, "application/vnd.oci.image.manifest.v1+json", _manifestDigest),
                _ when path.EndsWith(_configDigest, StringComparison.Ordinal) => (200, _config, "application/octet-stream", _configDigest),
                _ => (404, Encoding.UTF8.GetBytes("{\"errors\":[{\"code\":\"NOT_FOUND\"}]}"), "application/json", (string?)null),
            };
            response.StatusCode = status;
            response.ContentType = type;
            response.ContentLength64 = body.Length;
            if (digest is not null)
            {
                response.Headers["Docker-Content-Digest"] = digest;
            }

            if (context.Request.HttpMethod != "HEAD")
            {
                await response.OutputStream.WriteAsync(body);
            }
        }
    }
}
