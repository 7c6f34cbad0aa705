using System.Runtime.CompilerServices;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Testing;

/// <summary>
/// Starts an app model inside a test. <see cref="CreateAsync{TEntryPoint}(string[], CancellationToken)"/> runs the AppHost's own
/// <c>Program</c> up to <c>Build()</c>, so the test runs exactly the model the AppHost declares.
/// </summary>
/// <example>
/// <code>
/// await using var builder = await DistributedApplicationTestingBuilder.CreateAsync&lt;Projects.AppHost&gt;();
/// await using var app = await builder.BuildAsync();
/// await app.StartAsync();
/// await app.WaitForResourceHealthyAsync("api");
/// using var client = app.CreateHttpClient("api");
/// </code>
/// </example>
public sealed class DistributedApplicationTestingBuilder : IDistributedApplicationTestingBuilder
{
    private readonly DistributedApplicationBuilder _inner;
    private readonly TestFolders _folders;
    private int _built;

    private DistributedApplicationTestingBuilder(DistributedApplicationBuilder inner, TestFolders folders)
    {
        _inner = inner;
        _folders = folders;
    }

    /// <inheritdoc />
    public IConfigurationManager Configuration => _inner.Configuration;

    /// <inheritdoc />
    public IHostEnvironment Environment => _inner.Environment;

    /// <inheritdoc />
    public IServiceCollection Services => _inner.Services;

    /// <inheritdoc />
    public DistributedApplicationOptions Options => _inner.Options;

    /// <inheritdoc />
    public IReadOnlyList<IResource> Resources => _inner.Resources;

    /// <summary>Runs the AppHost that <typeparamref name="TEntryPoint"/> describes (a <c>Projects.*</c> class) up to <c>Build()</c>, and returns its builder.</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
        => CreateAsync<TEntryPoint>([], cancellationToken);

    /// <summary>Runs the AppHost that <typeparamref name="TEntryPoint"/> describes, with <paramref name="args"/>, up to <c>Build()</c>, and returns its builder.</summary>
    /// <exception cref="InvalidOperationException">The AppHost's assembly is not referenced by the test, or its entry point never calls <c>Build()</c>.</exception>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(args);
        var projectPath = new TEntryPoint().ProjectPath;
        var assemblyName = Path.GetFileNameWithoutExtension(projectPath);
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(assemblyName);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"Cannot load the AppHost assembly '{assemblyName}': reference '{projectPath}' from the test project (a ProjectReference that also sets IsPlatformProjectResource=\"true\").", ex);
        }

        var entryPoint = assembly.EntryPoint
                         ?? throw new InvalidOperationException($"Assembly '{assemblyName}' has no entry point; is it an AppHost?");
        var folders = TestFolders.Create();
        DistributedApplicationBuilder? captured = null;
        var hook = new DistributedApplicationTestingHook
        {
            ConfigureOptions = options =>
            {
                options.AppHostDirectory = Path.GetDirectoryName(projectPath);
                // The AppHost's own configuration: a Release test run then reuses the Release build of the projects.
                options.ProjectConfiguration ??= DistributedApplicationBuilder.BuildConfigurationOf(assembly);
                folders.Apply(options);
            },
            OnBuild = builder =>
            {
                captured = builder;
                throw new BuildInterceptedException();
            },
        };

        var run = Task.Run(
            async () =>
            {
                DistributedApplicationTestingHook.Current.Value = hook;
                try
                {
                    var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
                    if (result is Task task)
                    {
                        await task;
                    }
                }
                catch (TargetInvocationException ex) when (ex.InnerException is BuildInterceptedException)
                {
                }
                catch (BuildInterceptedException)
                {
                }
            },
            cancellationToken);
        try
        {
            await run.WaitAsync(cancellationToken);
        }
        catch
        {
            folders.Delete();
            throw;
        }

        if (captured is null)
        {
            folders.Delete();
            throw new InvalidOperationException($"The entry point of '{assemblyName}' returned without calling Build() on its application builder.");
        }

        return new DistributedApplicationTestingBuilder(captured, folders);
    }

    /// <summary>Creates an empty app model for a test to declare resources in; its projects are built in the test assembly's configuration.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // GetCallingAssembly must see the test, not an inlined frame
    public static IDistributedApplicationTestingBuilder Create(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var folders = TestFolders.Create();
        var options = new DistributedApplicationOptions
        {
            Args = args,
            AppHostDirectory = AppContext.BaseDirectory,
            ProjectConfiguration = DistributedApplicationBuilder.BuildConfigurationOf(Assembly.GetCallingAssembly()),
        };
        folders.Apply(options);
        return new DistributedApplicationTestingBuilder(new DistributedApplicationBuilder(options, appHostAssembly: null, allowTestingHook: false), folders);
    }

    /// <inheritdoc />
    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource => _inner.AddResource(resource);

    /// <inheritdoc />
    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource => _inner.CreateResourceBuilder(resource);

    /// <inheritdoc />
    public DistributedApplication Build()
    {
        if (Interlocked.Exchange(ref _built, 1) != 0)
        {
            throw new InvalidOperationException("This builder was already built.");
        }

        var app = _inner.BuildCore();
        app.OnDisposed(_folders.Delete);
        return app;
    }

    /// <inheritdoc />
    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _built) == 0)
        {
            _folders.Delete();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class BuildInterceptedException : Exception;
}
