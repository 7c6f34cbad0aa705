using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestrator;

// Turns WaitFor, WaitForCompletion, references and parents into dependency edges, rejects cycles, and
// returns the resources in a start order (dependencies first, declaration order among equals).
internal static class DependencyGraph
{
    public static List<ResourceRuntime> Link(IReadOnlyList<ResourceRuntime> runtimes)
    {
        var byResource = runtimes.ToDictionary(r => r.Resource);
        ResourceRuntime Resolve(ResourceRuntime from, IResource target)
            => byResource.TryGetValue(target, out var runtime)
                ? runtime
                : throw new DistributedApplicationException($"Resource '{from.Resource.Name}' depends on '{target.Name}', which is not part of this app model.");

        foreach (var runtime in runtimes)
        {
            var resource = runtime.Resource;
            if (resource is IResourceWithParent child)
            {
                runtime.Dependencies.Add((Resolve(runtime, child.Parent), DependencyKind.Healthy));
            }

            foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
            {
                runtime.Dependencies.Add((Resolve(runtime, wait.Resource), wait.WaitType == WaitType.WaitForCompletion ? DependencyKind.Completed : DependencyKind.Healthy));
            }

            foreach (var reference in resource.Annotations.OfType<ResourceReferenceAnnotation>())
            {
                var target = Resolve(runtime, reference.Resource);
                if (runtime.Dependencies.All(d => d.Resource != target))
                {
                    runtime.Dependencies.Add((target, DependencyKind.Started));
                }
            }

            foreach (var (dependency, _) in runtime.Dependencies)
            {
                dependency.Dependents.Add(runtime);
            }
        }

        var ordered = new List<ResourceRuntime>();
        var state = new Dictionary<ResourceRuntime, bool>(); // false: on the current path, true: done
        var path = new Stack<ResourceRuntime>();
        void Visit(ResourceRuntime runtime)
        {
            if (state.TryGetValue(runtime, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(r => r != runtime).Select(r => r.Resource.Name).Append(runtime.Resource.Name);
                    throw new DistributedApplicationException($"The app model has a dependency cycle: {string.Join(" -> ", cycle)}. Remove one WaitFor or WithReference.");
                }

                return;
            }

            state[runtime] = false;
            path.Push(runtime);
            foreach (var (dependency, _) in runtime.Dependencies)
            {
                Visit(dependency);
            }

            path.Pop();
            state[runtime] = true;
            ordered.Add(runtime);
        }

        foreach (var runtime in runtimes)
        {
            Visit(runtime);
        }

        return ordered;
    }
}
