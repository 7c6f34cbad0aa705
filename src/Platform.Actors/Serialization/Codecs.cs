using System.Runtime.CompilerServices;

namespace Platform.Actors.Serialization;

/// <summary>
/// The codec for <typeparamref name="T"/>, found once and then read from a static field: no lookup or reflection per call.
/// Built-in types resolve themselves; generated code registers the rest from a module initializer.
/// </summary>
/// <typeparam name="T">The type to encode.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A static generic holder is what makes codec lookup free.")]
public static class Codecs<T>
{
    private static IFieldCodec<T>? s_instance;

    /// <summary>Returns the codec, or throws <see cref="ActorSerializationException"/> naming the type and how to fix it.</summary>
    public static IFieldCodec<T> Get() => s_instance ?? Resolve();

    /// <summary>Registers (or replaces) the codec. Called by generated code.</summary>
    public static void Register(IFieldCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        s_instance = codec;
    }

    private static IFieldCodec<T> Resolve()
    {
        var codec = BuiltInCodecs.Find<T>();
        if (codec is null)
        {
            // The type's own assembly registers its codec in a module initializer that may not have run yet.
            RuntimeHelpers.RunModuleConstructor(typeof(T).Module.ModuleHandle);
            codec = s_instance;
        }

        s_instance = codec ?? throw new ActorSerializationException(
            $"No serializer for type '{typeof(T)}'. Mark it [GenerateSerializer] with an [Id(n)] on each member, in a project that references Platform.Actors.Generator, or use a supported built-in type.");
        return codec;
    }
}
