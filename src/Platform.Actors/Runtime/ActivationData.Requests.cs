using Platform.Actors.CodeGeneration;
using Platform.Actors.Serialization;

namespace Platform.Actors.Runtime;

/// <content>Running a request as a turn.</content>
internal sealed partial class ActivationData
{
    internal async Task InvokeRequestAsync(RequestWorkItem item)
    {
        var message = item.Message;
        RequestContext.Import(message.RequestContext);
        using var activity = ActorsTelemetry.StartServerActivity(message);

        var request = GeneratedCodeRegistry.CreateRequest(message.InterfaceName, message.MethodId);
        if (request is null)
        {
            item.Complete(ResponseMessage.Failure(new GrainMethodException(
                GrainId,
                message.InterfaceName,
                message.MethodName,
                new MissingMethodException($"No invoker for method id {message.MethodId} of '{message.InterfaceName}'; the caller and the grain were built from different versions of the interface."))));
            return;
        }

        try
        {
            var reader = new ActorReader(message.Body);
            request.ReadArguments(ref reader);
        }
        catch (Exception ex)
        {
            item.Complete(ResponseMessage.Failure(new ActorSerializationException(
                $"Could not read the arguments of '{message.InterfaceName}.{message.MethodName}' for grain '{GrainId}': {ex.Message}", ex)));
            return;
        }

        try
        {
            var filters = Runtime.IncomingFilters;
            if (filters.Length == 0)
            {
                await request.InvokeAsync(_grain!, message.CancellationToken);
            }
            else
            {
                await new IncomingCallContext(this, request, filters, message.CancellationToken).Invoke();
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            item.Complete(ResponseMessage.Failure(new GrainMethodException(GrainId, message.InterfaceName, message.MethodName, ex)));
            return;
        }

        var writer = ActorWriter.Rent();
        try
        {
            request.WriteResult(writer);
            item.Complete(ResponseMessage.Success(writer.ToArray()));
        }
        catch (Exception ex)
        {
            item.Complete(ResponseMessage.Failure(new ActorSerializationException(
                $"Could not write the result of '{message.InterfaceName}.{message.MethodName}' for grain '{GrainId}': {ex.Message}", ex)));
        }
        finally
        {
            ActorWriter.Return(writer);
        }
    }
}
