using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Platform.Actors.Runtime;
using Platform.Actors.Serialization;

namespace Platform.Actors.Networking;

/// <content>The read loop (frames in, requests to the handler, responses to their callers) and the write loop (one flush per batch).</content>
internal sealed partial class Connection
{
    private async Task ReadLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_closing.Token);
                var buffer = result.Buffer;
                var malformed = false;
                while (Frame.TryRead(ref buffer, out var kind, out var hops, out var id, out var payload, out malformed))
                {
                    OnFrame(kind, hops, id, payload);
                }

                if (malformed)
                {
                    error = new InvalidDataException("the peer sent a malformed frame");
                    break;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Expected when the peer goes away or the connection is aborted: one exception per connection, not per message.
        }
        catch (Exception ex)
        {
            error = ex;
        }

        Close(error);
    }

    private void OnFrame(FrameKind kind, byte hops, long id, ReadOnlySequence<byte> payload)
    {
        switch (kind)
        {
            case FrameKind.Request or FrameKind.OneWayRequest when _handler is not null:
                var message = MessageCodec.ReadRequest(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
                _handler.OnRequest(this, message, hops, kind == FrameKind.OneWayRequest ? 0 : id);
                break;
            case FrameKind.Response:
                if (_pending.TryRemove(id, out var call))
                {
                    call.Complete(MessageCodec.ReadResponse(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray()));
                }

                break;
            case FrameKind.Ping:
                _outbox.Writer.TryWrite(new OutgoingFrame(FrameKind.Pong, 0, id, null));
                break;
            case FrameKind.Gossip:
                _handler?.OnGossip();
                break;
            case FrameKind.Pong:
                if (_pending.TryRemove(id, out var ping))
                {
                    ping.Complete(ResponseMessage.Success([]));
                }

                break;
            default:
                throw new InvalidDataException($"the peer sent a {kind} frame this side does not accept");
        }
    }

    private async Task WriteLoopAsync()
    {
        var encoder = new ActorWriter(1024);
        Exception? error = null;
        try
        {
            var reader = _outbox.Reader;
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    WriteFrame(encoder, frame);
                }

                // One flush per batch: everything queued while the last flush ran goes out in one write.
                var flush = await _writer.FlushAsync(_closing.Token);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            // The connection is going away; the read loop or Abort reports it.
        }
        catch (Exception ex)
        {
            error = ex;
        }

        Close(error);
    }

    private void WriteFrame(ActorWriter encoder, OutgoingFrame frame)
    {
        encoder.Reset();
        try
        {
            switch (frame.Payload)
            {
                case Message message:
                    MessageCodec.WriteRequest(encoder, message);
                    break;
                case ResponseMessage response:
                    MessageCodec.WriteResponse(encoder, response);
                    break;
            }
        }
        catch (ActorSerializationException ex)
        {
            // One unencodable message (e.g. a RequestContext value that cannot cross silos) fails alone, not the connection.
            if (frame.Kind == FrameKind.Request && _pending.TryRemove(frame.CorrelationId, out var call))
            {
                call.Complete(ResponseMessage.Failure(ex));
            }
            else if (frame.Kind == FrameKind.Response)
            {
                WriteFrame(encoder, frame with { Payload = ResponseMessage.Failure(ex) });
            }

            return;
        }

        var length = encoder.Length;
        var span = _writer.GetSpan(Frame.HeaderLength + length);
        Frame.WriteHeader(span, frame.Kind, frame.Hops, frame.CorrelationId, length);
        encoder.WrittenSpan.CopyTo(span[Frame.HeaderLength..]);
        _writer.Advance(Frame.HeaderLength + length);
    }
}
