using Platform.Actors.CodeGeneration;

namespace Platform.Actors.Runtime;

/// <summary>A request waiting for, or running in, an activation.</summary>
internal sealed class RequestWorkItem(Message message) : WorkItem
{
    // Continuations must not run inline on the grain's scheduler: the caller's code would then run as part of the grain's turn.
    private readonly TaskCompletionSource<ResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Message Message { get; } = message;

    public Task<ResponseMessage> Response => _response.Task;

    public override bool AlwaysInterleave => (Message.Options & InvokeMethodOptions.AlwaysInterleave) != 0;

    public override bool KeepsAlive => true;

    public void Complete(ResponseMessage response) => _response.TrySetResult(response);

    public override Task ExecuteAsync(ActivationData activation) => activation.InvokeRequestAsync(this);

    public override void Abandon(Catalog catalog, Exception? error)
    {
        if (error is not null)
        {
            Complete(ResponseMessage.Failure(error));
        }
        else
        {
            catalog.Redeliver(this);
        }
    }
}
