using Microsoft.Playwright;

namespace AppHost.Tests;

/// <summary>
/// The OS's headless Chromium driven by Playwright. Playwright's own browser download cannot reach its servers here, so
/// the test uses the Debian package (eng/test.sh installs it); a missing one fails the test, it never skips.
/// </summary>
internal sealed class PlaywrightChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // The network is closed: these stop Chromium's own connection attempts (updates, sync, QUIC probes, first-run pages).
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;

    private PlaywrightChromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    /// <summary>Fails at once, before anything slow starts, when the OS's Chromium is missing.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: run `apt-get install -y chromium` (eng/test.sh does).");
        }
    }

    public static async Task<PlaywrightChromium> LaunchAsync()
    {
        EnsureInstalled();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
            return new PlaywrightChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser profile (no cookies shared with other pages), English, light theme, a desktop-sized window.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1600, Height = 900 },
            Locale = "en-US",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
