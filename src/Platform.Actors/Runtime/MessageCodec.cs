using System.Collections.Immutable;
using Platform.Actors.CodeGeneration;
using Platform.Actors.Serialization;

namespace Platform.Actors.Runtime;

/// <summary>
/// Encodes requests and responses in the actor wire format, for the cluster transport. Local calls pass the objects
/// (they already carry serialized arguments); a remote silo gets exactly these bytes.
/// </summary>
internal static class MessageCodec
{
    private const uint ContextString = 1;
    private const uint ContextInt64 = 2;
    private const uint ContextBoolean = 3;
    private const uint ContextDouble = 4;
    private const uint ContextGuid = 5;

    public static void WriteRequest(ActorWriter writer, Message message)
    {
        PrimitiveCodecs.GrainId.Write(writer, 1, message.Target);
        PrimitiveCodecs.String.Write(writer, 2, message.InterfaceName);
        PrimitiveCodecs.UInt32.Write(writer, 3, message.MethodId);
        PrimitiveCodecs.String.Write(writer, 4, message.MethodName);
        PrimitiveCodecs.Int32.Write(writer, 5, (int)message.Options);
        if (message.RequestContext is { } context)
        {
            writer.WriteStartObject(6);
            foreach (var (key, value) in context)
            {
                PrimitiveCodecs.String.Write(writer, 1, key);
                WriteContextValue(writer, key, value);
            }

            writer.WriteEndObject();
        }

        PrimitiveCodecs.Bytes.Write(writer, 7, message.Body);
    }

    public static Message ReadRequest(ReadOnlySpan<byte> payload)
    {
        var reader = new ActorReader(payload);
        GrainId target = default;
        string interfaceName = string.Empty, methodName = string.Empty;
        uint methodId = 0;
        var options = InvokeMethodOptions.None;
        ImmutableDictionary<string, object>? context = null;
        byte[] body = [];
        while (reader.TryReadTag(out var id, out var wireType))
        {
            switch (id)
            {
                case 1: target = PrimitiveCodecs.GrainId.Read(ref reader, wireType); break;
                case 2: interfaceName = PrimitiveCodecs.String.Read(ref reader, wireType); break;
                case 3: methodId = PrimitiveCodecs.UInt32.Read(ref reader, wireType); break;
                case 4: methodName = PrimitiveCodecs.String.Read(ref reader, wireType); break;
                case 5: options = (InvokeMethodOptions)PrimitiveCodecs.Int32.Read(ref reader, wireType); break;
                case 6: context = ReadContext(ref reader, wireType); break;
                case 7: body = PrimitiveCodecs.Bytes.Read(ref reader, wireType); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new Message
        {
            Target = target,
            InterfaceName = interfaceName,
            MethodId = methodId,
            MethodName = methodName,
            Options = options,
            RequestContext = context,
            Body = body,
        };
    }

    public static void WriteResponse(ActorWriter writer, ResponseMessage response)
    {
        if (response.Exception is not { } exception)
        {
            PrimitiveCodecs.Bytes.Write(writer, 1, response.Body);
            return;
        }

        // Exceptions travel as their facts; the receiver rebuilds the runtime's own exception types.
        writer.WriteStartObject(2);
        PrimitiveCodecs.String.Write(writer, 1, exception.GetType().FullName!);
        PrimitiveCodecs.String.Write(writer, 2, exception.Message);
        if (exception is GrainMethodException method)
        {
            PrimitiveCodecs.GrainId.Write(writer, 3, method.GrainId);
            WriteOptional(writer, 4, method.InterfaceName);
            WriteOptional(writer, 5, method.MethodName);
            WriteOptional(writer, 6, method.CauseType);
            WriteOptional(writer, 7, method.CauseMessage);
        }

        writer.WriteEndObject();
    }

    public static ResponseMessage ReadResponse(ReadOnlySpan<byte> payload)
    {
        var reader = new ActorReader(payload);
        ResponseMessage? response = null;
        while (reader.TryReadTag(out var id, out var wireType))
        {
            switch (id)
            {
                case 1: response = ResponseMessage.Success(PrimitiveCodecs.Bytes.Read(ref reader, wireType)); break;
                case 2: response = ResponseMessage.Failure(ReadException(ref reader, wireType)); break;
                default: reader.Skip(wireType); break;
            }
        }

        return response ?? throw new ActorSerializationException("A response carried neither a result nor an exception; the sender speaks a different protocol version.");
    }

    private static Exception ReadException(ref ActorReader reader, WireType wireType)
    {
        ActorReader.Expect(wireType, WireType.StartObject, "exception");
        string type = string.Empty, message = string.Empty;
        GrainId grainId = default;
        string? interfaceName = null, methodName = null, causeType = null, causeMessage = null;
        while (reader.TryReadTag(out var id, out var wt))
        {
            switch (id)
            {
                case 1: type = PrimitiveCodecs.String.Read(ref reader, wt); break;
                case 2: message = PrimitiveCodecs.String.Read(ref reader, wt); break;
                case 3: grainId = PrimitiveCodecs.GrainId.Read(ref reader, wt); break;
                case 4: interfaceName = PrimitiveCodecs.String.Read(ref reader, wt); break;
                case 5: methodName = PrimitiveCodecs.String.Read(ref reader, wt); break;
                case 6: causeType = PrimitiveCodecs.String.Read(ref reader, wt); break;
                case 7: causeMessage = PrimitiveCodecs.String.Read(ref reader, wt); break;
                default: reader.Skip(wt); break;
            }
        }

        return type switch
        {
            _ when type == typeof(GrainMethodException).FullName => new GrainMethodException(message)
            {
                GrainId = grainId,
                InterfaceName = interfaceName,
                MethodName = methodName,
                CauseType = causeType,
                CauseMessage = causeMessage,
            },
            _ when type == typeof(GrainTypeNotFoundException).FullName => new GrainTypeNotFoundException(message),
            _ when type == typeof(GrainActivationException).FullName => new GrainActivationException(message),
            _ when type == typeof(ActorSerializationException).FullName => new ActorSerializationException(message),
            _ when type == typeof(SiloUnavailableException).FullName => new SiloUnavailableException(message),
            _ when type == typeof(GrainCallTimeoutException).FullName => new GrainCallTimeoutException(message),
            _ => new GrainMethodException($"{type}: {message}") { CauseType = type, CauseMessage = message },
        };
    }

    private static void WriteContextValue(ActorWriter writer, string key, object value)
    {
        writer.WriteStartObject(2);
        switch (value)
        {
            case string s: PrimitiveCodecs.String.Write(writer, ContextString, s); break;
            case int i: PrimitiveCodecs.Int64.Write(writer, ContextInt64, i); break;
            case long l: PrimitiveCodecs.Int64.Write(writer, ContextInt64, l); break;
            case bool b: PrimitiveCodecs.Boolean.Write(writer, ContextBoolean, b); break;
            case double d: PrimitiveCodecs.Double.Write(writer, ContextDouble, d); break;
            case Guid g: PrimitiveCodecs.Guid.Write(writer, ContextGuid, g); break;
            default:
                throw new ActorSerializationException(
                    $"RequestContext value '{key}' is a {value.GetType()}, which cannot cross silos; use a string, integer, bool, double or Guid.");
        }

        writer.WriteEndObject();
    }

    private static ImmutableDictionary<string, object>? ReadContext(ref ActorReader reader, WireType wireType)
    {
        ActorReader.Expect(wireType, WireType.StartObject, "RequestContext");
        var builder = ImmutableDictionary.CreateBuilder<string, object>();
        string? key = null;
        while (reader.TryReadTag(out var id, out var wt))
        {
            if (id == 1)
            {
                key = PrimitiveCodecs.String.Read(ref reader, wt);
            }
            else if (id == 2 && key is not null && ReadContextValue(ref reader, wt) is { } value)
            {
                builder[key] = value;
                key = null;
            }
            else
            {
                reader.Skip(wt);
            }
        }

        return builder.Count == 0 ? null : builder.ToImmutable();
    }

    private static object? ReadContextValue(ref ActorReader reader, WireType wireType)
    {
        ActorReader.Expect(wireType, WireType.StartObject, "RequestContext value");
        object? value = null;
        while (reader.TryReadTag(out var id, out var wt))
        {
            value = id switch
            {
                ContextString => PrimitiveCodecs.String.Read(ref reader, wt),
                ContextInt64 => PrimitiveCodecs.Int64.Read(ref reader, wt),
                ContextBoolean => PrimitiveCodecs.Boolean.Read(ref reader, wt),
                ContextDouble => PrimitiveCodecs.Double.Read(ref reader, wt),
                ContextGuid => PrimitiveCodecs.Guid.Read(ref reader, wt),
                _ => Skip(ref reader, wt, value),
            };
        }

        return value;
    }

    private static object? Skip(ref ActorReader reader, WireType wireType, object? current)
    {
        reader.Skip(wireType);
        return current;
    }

    private static void WriteOptional(ActorWriter writer, uint fieldId, string? value)
    {
        if (value is not null)
        {
            PrimitiveCodecs.String.Write(writer, fieldId, value);
        }
    }
}
