using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace RenderFarm.Grains;

/// <summary>
/// A minimal PNG writer (8-bit RGB, one IDAT) and an animated-PNG assembler. The farm's own, so a frame's bytes depend
/// only on its pixels and this code: the same frame always hashes the same.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="rgb"/> (rows of <paramref name="width"/> RGB triples, top first) as a PNG.</summary>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="rgb">width × height × 3 bytes.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(rgb.Length, width * height * 3, nameof(rgb));
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height));
        WriteChunk(png, "IDAT", Compress(width, height, rgb));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// Assembles PNGs of one size (from <see cref="Encode"/>) into one animated PNG that loops forever: every browser
    /// plays it, and it needs nothing from the OS.
    /// </summary>
    /// <param name="frames">The frames in order.</param>
    /// <param name="framesPerSecond">Playback speed.</param>
    /// <returns>The APNG file's bytes.</returns>
    public static byte[] Animate(IReadOnlyList<byte[]> frames, int framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        var header = ChunkData(frames[0], "IHDR");
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        using var apng = new MemoryStream();
        apng.Write(Signature);
        WriteChunk(apng, "IHDR", header);
        var control = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(control, frames.Count);
        WriteChunk(apng, "acTL", control);   // num_plays 0: loop forever
        var sequence = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var fc = new byte[26];
            BinaryPrimitives.WriteInt32BigEndian(fc, sequence++);
            BinaryPrimitives.WriteInt32BigEndian(fc.AsSpan(4), width);
            BinaryPrimitives.WriteInt32BigEndian(fc.AsSpan(8), height);
            BinaryPrimitives.WriteUInt16BigEndian(fc.AsSpan(20), 1);
            BinaryPrimitives.WriteUInt16BigEndian(fc.AsSpan(22), (ushort)framesPerSecond);
            WriteChunk(apng, "fcTL", fc);
            var data = ChunkData(frames[i], "IDAT");
            if (i == 0)
            {
                WriteChunk(apng, "IDAT", data);
            }
            else
            {
                var fd = new byte[4 + data.Length];
                BinaryPrimitives.WriteInt32BigEndian(fd, sequence++);
                data.CopyTo(fd, 4);
                WriteChunk(apng, "fdAT", fd);
            }
        }

        WriteChunk(apng, "IEND", []);
        return apng.ToArray();
    }

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;   // bits per sample
        header[9] = 2;   // truecolour RGB
        return header;
    }

    private static byte[] Compress(int width, int height, ReadOnlySpan<byte> rgb)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var stride = width * 3;
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);   // filter type None
                zlib.Write(rgb.Slice(y * stride, stride));
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        png.Write(sum);
    }

    /// <summary>The data of every chunk of <paramref name="type"/> in <paramref name="png"/>, concatenated.</summary>
    private static byte[] ChunkData(byte[] png, string type)
    {
        using var data = new MemoryStream();
        var at = Signature.Length;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == type)
            {
                data.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        return data.Length > 0 ? data.ToArray() : throw new InvalidDataException($"The PNG has no {type} chunk.");
    }
}
