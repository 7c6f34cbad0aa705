using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Platform.Hosting.Dashboard.Web;

/// <summary>The UI's files, embedded in the assembly (no disk, no CDN), each with a content hash as its ETag.</summary>
internal sealed class StaticAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Asset> _assets;

    public StaticAssets()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var path = name[Prefix.Length..];
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            assets[path] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string GetText(string path) => Encoding.UTF8.GetString(_assets[path].Bytes);

    /// <summary>Writes the asset at <paramref name="path"/>, a 304 when the browser's copy is current, or a 404.</summary>
    public async Task ServeAsync(HttpContext context, string path)
    {
        if (!_assets.TryGetValue(path, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // no-cache: revalidate each time, so an upgraded AppHost never serves a stale script.
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Bytes.Length;
        await context.Response.Body.WriteAsync(asset.Bytes, context.RequestAborted);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
