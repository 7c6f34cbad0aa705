using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Orleans.Security.Tests;

/// <summary>The cluster certificate in an AppHost's model, its environment and its published manifest.</summary>
public sealed class OrleansClusterCertificateTests
{
    private const string Name = "orleans-certificate";

    // AddProject wants a project file that exists; this one, beside the AppHost (the test assembly), stands in for a silo.
    private const string SiloProject = "Platform.Orleans.Security.Tests.csproj";

    [Fact]
    public async Task AddOrleansClusterCertificate_Run_GeneratesASecretPfxWithPrivateKey()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var parameter = builder.AddOrleansClusterCertificate(Name).Resource;

        Assert.True(parameter.Secret);
        using var certificate = Load(await parameter.GetValueAsync(default));
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public async Task AddOrleansClusterCertificate_Default_MakesANewCertificateEachTime()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var generator = Assert.IsAssignableFrom<ParameterDefault>(builder.AddOrleansClusterCertificate(Name).Resource.Default);

        using var first = Load(generator.GetDefaultValue());
        using var second = Load(generator.GetDefaultValue());
        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
    }

    [Fact]
    public async Task AddOrleansClusterCertificate_PersistedValue_IsKept()
    {
        // What a second run finds: the value the first run kept in user secrets.
        var persisted = ClusterCertificate.Create();
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration[$"Parameters:{Name}"] = persisted;

        var parameter = builder.AddOrleansClusterCertificate(Name).Resource;

        Assert.Equal(persisted, await parameter.GetValueAsync(default));
    }

    [Fact]
    public async Task WithOrleansClusterCertificate_Project_GetsTheCertificateAsEnvironmentVariable()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var certificate = builder.AddOrleansClusterCertificate(Name);
        var silo = builder.AddProject("silo", SiloProject).WithOrleansClusterCertificate(certificate).WithOrleansClusterCertificate(certificate);

        var configuration = await ExecutionConfigurationBuilder.Create(silo.Resource).WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance);

        var environment = configuration.EnvironmentVariables.ToDictionary();
        Assert.Equal(await certificate.Resource.GetValueAsync(default), environment["Orleans__Tls__Certificate"]);
    }

    [Fact]
    public async Task PublishManifest_ClusterCertificate_IsASecretParameterWithoutDefault()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = Directory.CreateTempSubdirectory("orleans-certificate-manifest-");
        try
        {
            var manifestPath = Path.Combine(output.FullName, "aspire-manifest.json");
            await using var builder = DistributedApplicationTestingBuilder.Create(["--publisher", "manifest", "--output-path", manifestPath]);
            var certificate = builder.AddOrleansClusterCertificate(Name);
            builder.AddProject("silo", SiloProject).WithOrleansClusterCertificate(certificate);
            await using (var app = await builder.BuildAsync(timeout.Token))
            {
                // In publish mode the app writes the manifest and stops by itself.
                await app.RunAsync(timeout.Token);
            }

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath, timeout.Token));
            var resources = manifest.RootElement.GetProperty("resources");
            var parameter = resources.GetProperty(Name);
            Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
            Assert.Equal($"{{{Name}.inputs.value}}", parameter.GetProperty("value").GetString());
            var input = parameter.GetProperty("inputs").GetProperty("value");
            Assert.True(input.GetProperty("secret").GetBoolean());
            // azd cannot generate a certificate: no 'default' (neither 'generate' nor 'value'), so it asks for one.
            Assert.Equal(["type", "secret"], input.EnumerateObject().Select(p => p.Name));
            Assert.Equal($"{{{Name}.value}}", resources.GetProperty("silo").GetProperty("env").GetProperty("Orleans__Tls__Certificate").GetString());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void AddOrleansClusterCertificate_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IDistributedApplicationBuilder)null!).AddOrleansClusterCertificate(Name));
        using var builder = DistributedApplicationTestingBuilder.Create();
        var blank = new string(' ', 1); // a literal would be caught at compile time (ASPIRE006)
        Assert.Throws<ArgumentException>(() => builder.AddOrleansClusterCertificate(blank));
        Assert.Throws<ArgumentNullException>(() => builder.AddProject("silo", SiloProject).WithOrleansClusterCertificate(null!));
    }

    private static X509Certificate2 Load(string? pfx) => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(pfx!), null);
}
