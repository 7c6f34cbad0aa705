using System.Text;
using RenderFarm.Grains;

namespace RenderFarm.Tests;

public sealed class RendererTests
{
    [Fact]
    public void Render_SameFrameTwice_SameBytes()
    {
        var spec = FarmCluster.Spec(10, iterations: 200);
        Assert.Equal(FractalRenderer.Render(spec, 7), FractalRenderer.Render(spec, 7));
    }

    [Fact]
    public void Render_DifferentFrames_DifferentHashes()
    {
        var spec = FarmCluster.Spec(10, iterations: 200);
        var hashes = Enumerable.Range(0, 10).Select(f => FractalRenderer.HashOf(FractalRenderer.Render(spec, f))).ToHashSet();
        Assert.Equal(10, hashes.Count);
    }

    [Fact]
    public void Render_Frame_IsAPngOfTheSpecsSize()
    {
        var png = FractalRenderer.Render(FarmCluster.Spec(1), 0);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(48, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(27, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void Animate_Frames_OneAnimatedPngWithAControlChunkPerFrame()
    {
        var spec = FarmCluster.Spec(4);
        var apng = PngEncoder.Animate([.. Enumerable.Range(0, 4).Select(f => FractalRenderer.Render(spec, f))], 12);
        var text = Encoding.ASCII.GetString(apng);
        Assert.Contains("acTL", text, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(text, "fcTL"));
        Assert.Equal(3, CountOf(text, "fdAT"));
        Assert.EndsWith("IEND", text[..^4], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => FractalRenderer.Render(FarmCluster.Spec(1), 0, cancelled.Token));
    }

    private static int CountOf(string text, string what) =>
        Enumerable.Range(0, text.Length - what.Length + 1).Count(i => string.CompareOrdinal(text, i, what, 0, what.Length) == 0);
}
