using System.Threading.Channels;

namespace Platform.Actors.Bench;

/// <summary>The baseline: the same work behind a bare Channel mailbox with a single consumer task.</summary>
internal sealed class ChannelMailbox : IAsyncDisposable
{
    private readonly Channel<(int Value, TaskCompletionSource<long> Reply)> _mailbox =
        Channel.CreateUnbounded<(int, TaskCompletionSource<long>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _consumer;
    private long _sum;

    public ChannelMailbox()
    {
        _consumer = Task.Run(ConsumeAsync);
    }

    public Task<long> AddAsync(int value)
    {
        // Continuations run asynchronously, as they do for grain responses, so the consumer never runs caller code.
        var reply = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _mailbox.Writer.TryWrite((value, reply));
        return reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.Complete();
        await _consumer;
    }

    private async Task ConsumeAsync()
    {
        await foreach (var (value, reply) in _mailbox.Reader.ReadAllAsync())
        {
            reply.SetResult(_sum += value);
        }
    }
}
