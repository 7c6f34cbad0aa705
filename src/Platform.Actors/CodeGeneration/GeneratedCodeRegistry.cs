using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Platform.Actors.CodeGeneration;

/// <summary>
/// Where generated module initializers register proxies, invokers and grain classes. It replaces assembly scanning:
/// nothing is discovered at run time that the compiler did not emit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeRegistry
{
    private static readonly ConcurrentDictionary<string, Func<uint, GrainRequest?>> Invokers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, GrainClassRegistration> GrainClasses = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, List<string>> InterfaceImplementations = new();

    /// <summary>Registers the proxy factory of a grain interface.</summary>
    public static void RegisterProxy<TGrainInterface>(Func<GrainId, IGrainCallInvoker, TGrainInterface> factory)
        where TGrainInterface : IGrain
    {
        ArgumentNullException.ThrowIfNull(factory);
        ProxyFactory<TGrainInterface>.Factory = factory;
    }

    /// <summary>Registers the request factory (method id → empty request) of a grain interface.</summary>
    public static void RegisterInvoker(string interfaceName, Func<uint, GrainRequest?> requestFactory)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(requestFactory);
        Invokers[interfaceName] = requestFactory;
    }

    /// <summary>Registers a grain class and the interfaces it implements.</summary>
    public static void RegisterGrainClass(GrainClassRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        GrainClasses[registration.GrainType] = registration;
        foreach (var grainInterface in registration.Interfaces)
        {
            // Runtime interfaces such as IRemindable are implemented by many classes and addressed by grain id only.
            if (grainInterface.Assembly == typeof(IGrain).Assembly)
            {
                continue;
            }

            var types = InterfaceImplementations.GetOrAdd(grainInterface, static _ => []);
            lock (types)
            {
                if (!types.Contains(registration.GrainType))
                {
                    types.Add(registration.GrainType);
                }
            }
        }
    }

    /// <summary>Makes sure the generated registrations of <paramref name="type"/>'s assembly have run.</summary>
    public static void EnsureRegistered(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
    }

    internal static Func<GrainId, IGrainCallInvoker, TGrainInterface> GetProxyFactory<TGrainInterface>()
        where TGrainInterface : IGrain
    {
        var factory = ProxyFactory<TGrainInterface>.Factory;
        if (factory is null)
        {
            EnsureRegistered(typeof(TGrainInterface));
            factory = ProxyFactory<TGrainInterface>.Factory;
        }

        return factory ?? throw new GrainTypeNotFoundException(
            $"No proxy was generated for grain interface '{typeof(TGrainInterface)}'. Reference Platform.Actors.Generator as an analyzer in the project that declares it " +
            "(<ProjectReference Include=\"...Platform.Actors.Generator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />).");
    }

    internal static string GetGrainType(Type grainInterface)
    {
        if (!InterfaceImplementations.TryGetValue(grainInterface, out var types))
        {
            EnsureRegistered(grainInterface);
            InterfaceImplementations.TryGetValue(grainInterface, out types);
        }

        if (types is null || types.Count == 0)
        {
            throw new GrainTypeNotFoundException(
                $"Unknown grain type: no grain class implements '{grainInterface}'. Add a class that derives from Grain and implements it, in a project that references " +
                "Platform.Actors.Generator as an analyzer, and make sure its assembly is loaded (actors.AddGrainsFrom<TGrain>()).");
        }

        lock (types)
        {
            if (types.Count > 1)
            {
                throw new GrainTypeNotFoundException(
                    $"Grain interface '{grainInterface}' is implemented by more than one grain class ({string.Join(", ", types)}); " +
                    "give each implementation its own interface, or call GetGrain<T>(GrainId) with an explicit grain type.");
            }

            return types[0];
        }
    }

    internal static bool TryGetGrainClass(string grainType, out GrainClassRegistration registration) =>
        GrainClasses.TryGetValue(grainType, out registration!);

    internal static GrainRequest? CreateRequest(string interfaceName, uint methodId) =>
        Invokers.TryGetValue(interfaceName, out var factory) ? factory(methodId) : null;

    private static class ProxyFactory<TGrainInterface>
        where TGrainInterface : IGrain
    {
        public static Func<GrainId, IGrainCallInvoker, TGrainInterface>? Factory;
    }
}
