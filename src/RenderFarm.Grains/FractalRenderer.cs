using System.Security.Cryptography;
using RenderFarm.Contracts;

namespace RenderFarm.Grains;

/// <summary>
/// The farm's work: frame <c>i</c> of a job is a Mandelbrot image zoomed 8 % further than frame <c>i-1</c> into a
/// fixed point, with at most <see cref="JobSpec.Iterations"/> iterations per pixel (the per-frame cost). Pure and
/// deterministic: IEEE double arithmetic and an integer palette, so a frame always renders to the same bytes.
/// </summary>
public static class FractalRenderer
{
    private const double CenterX = -0.743643887037151;
    private const double CenterY = 0.131825904205330;
    private const double ZoomPerFrame = 0.92;

    private static readonly byte[] Palette = BuildPalette();

    /// <summary>Renders frame <paramref name="frame"/> of <paramref name="spec"/> to a PNG.</summary>
    /// <param name="spec">The job.</param>
    /// <param name="frame">The frame, from 0.</param>
    /// <param name="cancellationToken">Stops rendering between rows.</param>
    /// <returns>The PNG's bytes.</returns>
    public static byte[] Render(JobSpec spec, int frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int width = spec.Width, height = spec.Height, max = spec.Iterations;
        var rgb = new byte[width * height * 3];
        var scale = 3.0 * Math.Pow(ZoomPerFrame, frame) / width;
        for (var y = 0; y < height; y++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ci = CenterY + ((y - (height / 2.0)) * scale);
            for (var x = 0; x < width; x++)
            {
                var cr = CenterX + ((x - (width / 2.0)) * scale);
                double zr = 0, zi = 0;
                var n = 0;
                while (n < max && (zr * zr) + (zi * zi) <= 4.0)
                {
                    var t = (zr * zr) - (zi * zi) + cr;
                    zi = (2.0 * zr * zi) + ci;
                    zr = t;
                    n++;
                }

                var p = (((y * width) + x) * 3);
                if (n < max)
                {
                    var c = (n * 4 % 256) * 3;
                    rgb[p] = Palette[c];
                    rgb[p + 1] = Palette[c + 1];
                    rgb[p + 2] = Palette[c + 2];
                }
            }
        }

        return PngEncoder.Encode(width, height, rgb);
    }

    /// <summary>The hash a frame's bytes are checked by: lowercase hex SHA-256.</summary>
    public static string HashOf(ReadOnlySpan<byte> png) => Convert.ToHexStringLower(SHA256.HashData(png));

    // A blue-white-orange gradient of 256 entries, in integers only.
    private static byte[] BuildPalette()
    {
        (int R, int G, int B)[] stops = [(0, 7, 100), (32, 107, 203), (237, 255, 255), (255, 170, 0), (0, 2, 0), (0, 7, 100)];
        var palette = new byte[256 * 3];
        for (var i = 0; i < 256; i++)
        {
            var segment = i * (stops.Length - 1) / 256;
            var at = (i * (stops.Length - 1)) - (segment * 256);
            var (a, b) = (stops[segment], stops[segment + 1]);
            palette[i * 3] = (byte)(a.R + ((b.R - a.R) * at / 256));
            palette[(i * 3) + 1] = (byte)(a.G + ((b.G - a.G) * at / 256));
            palette[(i * 3) + 2] = (byte)(a.B + ((b.B - a.B) * at / 256));
        }

        return palette;
    }
}
