using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.CodeGeneration;
using Platform.Actors.Serialization;

namespace Platform.Actors.Runtime;

/// <summary>
/// The caller's side of every grain call: hands out references, runs outgoing filters, serializes the arguments
/// (local calls too, so callers and grains never share mutable objects), routes, waits with the response timeout and
/// reads the result.
/// </summary>
internal sealed class GrainRuntime(
    IGrainCallRouter router,
    IOptions<ActorsOptions> options,
    IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
    ActorsMetrics metrics,
    ILogger<GrainRuntime> logger) : IGrainFactory, IGrainCallInvoker
{
    private readonly IOutgoingGrainCallFilter[] _outgoingFilters = [.. outgoingFilters];
    private readonly TimeSpan _responseTimeout = options.Value.ResponseTimeout;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey => Create<TGrainInterface>(GrainKeys.Format(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey => Create<TGrainInterface>(GrainKeys.Format(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithGuidCompoundKey
    {
        ArgumentNullException.ThrowIfNull(keyExtension);
        return Create<TGrainInterface>(GrainKeys.Format(primaryKey, keyExtension));
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension)
        where TGrainInterface : IGrainWithIntegerCompoundKey
    {
        ArgumentNullException.ThrowIfNull(keyExtension);
        return Create<TGrainInterface>(GrainKeys.Format(primaryKey, keyExtension));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain => GeneratedCodeRegistry.GetProxyFactory<TGrainInterface>()(grainId, this);

    public async ValueTask InvokeAsync(GrainId target, GrainRequest request, CancellationToken cancellationToken) =>
        await SendAsync(target, request, cancellationToken);

    public async ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request, CancellationToken cancellationToken)
    {
        await SendAsync(target, request, cancellationToken);
        return request.ResultValue;
    }

    internal async Task SendCoreAsync(GrainId target, GrainRequest request, CancellationToken cancellationToken)
    {
        var message = CreateMessage(target, request, cancellationToken);
        if ((request.Options & InvokeMethodOptions.OneWay) != 0)
        {
            _ = ObserveOneWayAsync(router.SendRequestAsync(message), message);
            return;
        }

        var pending = router.SendRequestAsync(message);
        ResponseMessage response;
        if (pending.IsCompleted)
        {
            response = await pending;
        }
        else
        {
            try
            {
                response = await pending.WaitAsync(_responseTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new GrainCallTimeoutException(target, request.MethodName, _responseTimeout);
            }
        }

        if (response.Exception is { } exception)
        {
            // The caller cancelled and the grain honoured it: surface the caller's own cancellation.
            if (cancellationToken.IsCancellationRequested && exception.InnerException is OperationCanceledException)
            {
                throw new OperationCanceledException(exception.Message, exception, cancellationToken);
            }

            throw exception;
        }

        try
        {
            var reader = new ActorReader(response.Body);
            request.ReadResult(ref reader);
        }
        catch (Exception ex) when (ex is not ActorSerializationException)
        {
            throw new ActorSerializationException(
                $"Could not read the result of '{request.InterfaceName}.{request.MethodName}' from grain '{target}': {ex.Message}", ex);
        }
    }

    private TGrainInterface Create<TGrainInterface>(string key)
        where TGrainInterface : IGrain
    {
        var grainType = GeneratedCodeRegistry.GetGrainType(typeof(TGrainInterface));
        return GeneratedCodeRegistry.GetProxyFactory<TGrainInterface>()(new GrainId(grainType, key), this);
    }

    private async Task SendAsync(GrainId target, GrainRequest request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var activity = ActorsTelemetry.StartClientActivity(target, request);
        var failed = false;
        try
        {
            if (_outgoingFilters.Length == 0)
            {
                await SendCoreAsync(target, request, cancellationToken);
            }
            else
            {
                await new OutgoingCallContext(this, target, request, _outgoingFilters, cancellationToken).Invoke();
            }
        }
        catch (Exception ex)
        {
            failed = true;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            metrics.RecordCall(request.InterfaceName, request.MethodName, start, failed);
        }
    }

    private static Message CreateMessage(GrainId target, GrainRequest request, CancellationToken cancellationToken)
    {
        byte[] body;
        var writer = ActorWriter.Rent();
        try
        {
            request.WriteArguments(writer);
            body = writer.ToArray();
        }
        finally
        {
            ActorWriter.Return(writer);
        }

        var context = RequestContext.Export();
        if (Activity.Current is { } current && current.IdFormat == ActivityIdFormat.W3C)
        {
            // W3C trace context rides on the request context, so it crosses silos like any other value.
            context = (context ?? ImmutableDictionary<string, object>.Empty).SetItem(ActorsTelemetry.TraceParent, current.Id!);
            if (current.TraceStateString is { } traceState)
            {
                context = context.SetItem(ActorsTelemetry.TraceState, traceState);
            }
        }

        return new Message
        {
            Target = target,
            InterfaceName = request.InterfaceName,
            MethodId = request.MethodId,
            MethodName = request.MethodName,
            Body = body,
            Options = request.Options,
            RequestContext = context,
            CancellationToken = cancellationToken,
        };
    }

    private async Task ObserveOneWayAsync(Task<ResponseMessage> pending, Message message)
    {
        var response = await pending;
        if (response.Exception is { } exception)
        {
            Log.OneWayFailed(logger, message.InterfaceName, message.MethodName, message.Target, exception);
        }
    }
}
