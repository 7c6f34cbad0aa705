using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestrator;

// Gives every endpoint its ports before anything starts, so every environment can be computed up front.
// Several replicas (or a port that differs from the target port) put a proxy on the client-facing port.
internal static class EndpointAllocator
{
    public static void Allocate(IEnumerable<ResourceRuntime> runtimes, bool randomize)
    {
        foreach (var runtime in runtimes)
        {
            var replicas = Math.Max(1, runtime.Replicas.Count);
            foreach (var endpoint in runtime.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                var owner = $"'{runtime.Resource.Name}' (endpoint '{endpoint.Name}')";
                var port = randomize ? null : endpoint.Port;
                var targetPort = randomize ? null : endpoint.TargetPort;
                if (replicas > 1)
                {
                    if (targetPort is not null)
                    {
                        throw new DistributedApplicationException($"{owner} has {replicas} replicas, so it cannot have the fixed target port {targetPort}: each replica listens on a port of its own. Remove targetPort.");
                    }

                    endpoint.IsProxied = true;
                    endpoint.AllocatedPort = port is { } p ? PortAllocator.Claim(p, owner) : PortAllocator.GetFreePort();
                    endpoint.ReplicaPorts = [.. Enumerable.Range(0, replicas).Select(_ => PortAllocator.GetFreePort())];
                }
                else if (port is { } p && targetPort is { } t && p != t)
                {
                    endpoint.IsProxied = true;
                    endpoint.AllocatedPort = PortAllocator.Claim(p, owner);
                    endpoint.ReplicaPorts = [PortAllocator.Claim(t, owner)];
                }
                else
                {
                    var chosen = (targetPort ?? port) is { } fixedPort ? PortAllocator.Claim(fixedPort, owner) : PortAllocator.GetFreePort();
                    endpoint.IsProxied = false;
                    endpoint.AllocatedPort = chosen;
                    endpoint.ReplicaPorts = [chosen];
                }
            }
        }
    }
}
