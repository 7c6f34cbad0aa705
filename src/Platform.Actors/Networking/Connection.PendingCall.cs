using Platform.Actors.Runtime;

namespace Platform.Actors.Networking;

/// <content>A call waiting for its response.</content>
internal sealed partial class Connection
{
    private sealed class PendingCall(Message? message, string target)
        : TaskCompletionSource<ResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long StartedAt { get; } = Environment.TickCount64;

        public void Complete(ResponseMessage response) => TrySetResult(response);

        public void FailLost() => TrySetResult(ResponseMessage.Failure(new SiloUnavailableException(message is null
            ? $"The connection to silo {target} was lost."
            : $"The connection to silo {target} was lost while the call to '{message.InterfaceName}.{message.MethodName}' on grain '{message.Target}' was pending; the outcome is unknown. Retry only if the operation is idempotent or carries an idempotency key.")));

        public void FailTimedOut(TimeSpan age) => TrySetResult(ResponseMessage.Failure(new GrainCallTimeoutException(
            message?.Target ?? default, message?.MethodName ?? "ping", age)));
    }
}
