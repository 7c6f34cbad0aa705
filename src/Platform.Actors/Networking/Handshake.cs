using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Actors.Networking;

/// <summary>
/// Mutual proof of the cluster secret before any message is accepted. The connecting side sends a magic and a random
/// nonce; the accepting side answers with its own nonce and HMAC-SHA256(secret, "server" | clientNonce | serverNonce);
/// the connecting side checks it and answers HMAC-SHA256(secret, "client" | serverNonce | clientNonce); the accepting side
/// checks that and sends one accept byte. The secret never crosses the wire and both proofs are bound to fresh nonces,
/// so a recorded handshake cannot be replayed.
/// </summary>
internal static class Handshake
{
    public const int NonceLength = 32;
    private const int MacLength = 32;
    private const byte Accepted = 0xA5;
    private static readonly byte[] Magic = "PAC1"u8.ToArray();
    private static readonly byte[] ServerLabel = "server"u8.ToArray();
    private static readonly byte[] ClientLabel = "client"u8.ToArray();

    /// <summary>Derives the HMAC key from the configured secret (UTF-8).</summary>
    public static byte[] DeriveKey(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Runs the connecting side; returns null on success or why the peer could not be trusted.</summary>
    public static async Task<string?> ConnectAsync(PipeReader reader, PipeWriter writer, byte[] key, CancellationToken cancellationToken)
    {
        var clientNonce = RandomNumberGenerator.GetBytes(NonceLength);
        await writer.WriteAsync(Concat(Magic, clientNonce), cancellationToken);

        var reply = await ReadExactlyAsync(reader, Magic.Length + NonceLength + MacLength, cancellationToken);
        if (reply is null)
        {
            return "the peer closed the connection during the handshake (it may use a different cluster secret)";
        }

        if (!reply.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "the peer does not speak the actors protocol";
        }

        var serverNonce = reply.AsSpan(Magic.Length, NonceLength).ToArray();
        var expected = Mac(key, ServerLabel, clientNonce, serverNonce);
        if (!CryptographicOperations.FixedTimeEquals(expected, reply.AsSpan(Magic.Length + NonceLength, MacLength)))
        {
            return "the peer could not prove the cluster secret";
        }

        await writer.WriteAsync(Mac(key, ClientLabel, serverNonce, clientNonce), cancellationToken);
        var accept = await ReadExactlyAsync(reader, 1, cancellationToken);
        return accept is [Accepted] ? null : "the peer refused this side's proof of the cluster secret";
    }

    /// <summary>Runs the accepting side; returns null on success or why the peer was refused.</summary>
    public static async Task<string?> AcceptAsync(PipeReader reader, PipeWriter writer, byte[] key, CancellationToken cancellationToken)
    {
        var hello = await ReadExactlyAsync(reader, Magic.Length + NonceLength, cancellationToken);
        if (hello is null)
        {
            return "the peer closed the connection before its hello";
        }

        if (!hello.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "the peer sent bytes that are not an actors protocol hello";
        }

        var clientNonce = hello.AsSpan(Magic.Length, NonceLength).ToArray();
        var serverNonce = RandomNumberGenerator.GetBytes(NonceLength);
        await writer.WriteAsync(Concat(Magic, serverNonce, Mac(key, ServerLabel, clientNonce, serverNonce)), cancellationToken);

        var proof = await ReadExactlyAsync(reader, MacLength, cancellationToken);
        if (proof is null)
        {
            return "the peer closed the connection instead of proving the cluster secret";
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(key, ClientLabel, serverNonce, clientNonce), proof))
        {
            return "the peer could not prove the cluster secret";
        }

        await writer.WriteAsync(new[] { Accepted }, cancellationToken);
        return null;
    }

    private static byte[] Mac(byte[] key, byte[] label, byte[] first, byte[] second) =>
        HMACSHA256.HashData(key, Concat(label, first, second));

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(static p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }

    private static async Task<byte[]?> ReadExactlyAsync(PipeReader reader, int count, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAtLeastAsync(count, cancellationToken);
        if (result.Buffer.Length < count)
        {
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            return null;
        }

        var bytes = result.Buffer.Slice(0, count).ToArray();
        reader.AdvanceTo(result.Buffer.GetPosition(count));
        return bytes;
    }
}
