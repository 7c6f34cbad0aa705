using System.Diagnostics;
using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>The runtime's ActivitySource: a Client span per call on the caller, a Server span per call in the grain.</summary>
internal static class ActorsTelemetry
{
    public const string Name = "Platform.Actors";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static readonly ActivitySource Source = new(Name);

    public static Activity? StartClientActivity(GrainId target, GrainRequest request)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"{request.InterfaceName}/{request.MethodName}", ActivityKind.Client);
        SetTags(activity, target, request.InterfaceName, request.MethodName);
        return activity;
    }

    public static Activity? StartServerActivity(Message message)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (message.RequestContext is { } context && context.TryGetValue(TraceParent, out var traceParent) && traceParent is string parentId)
        {
            context.TryGetValue(TraceState, out var traceState);
            ActivityContext.TryParse(parentId, traceState as string, isRemote: true, out parent);
        }

        var activity = Source.StartActivity($"{message.InterfaceName}/{message.MethodName}", ActivityKind.Server, parent);
        SetTags(activity, message.Target, message.InterfaceName, message.MethodName);
        return activity;
    }

    private static void SetTags(Activity? activity, GrainId target, string interfaceName, string methodName)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("rpc.system", "platform-actors");
        activity.SetTag("rpc.service", interfaceName);
        activity.SetTag("rpc.method", methodName);
        activity.SetTag("actors.grain.id", target.ToString());
    }
}
