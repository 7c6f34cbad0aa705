using System.Text.Json;
using System.Text.RegularExpressions;
using AppHost.Tests;
using Microsoft.Playwright;
using Platform.Tests.Shared;
using Xunit.Abstractions;

namespace RenderFarm.Integration.Tests;

/// <summary>The farm's page (<c>/</c> of the farm API) in a real browser, as a user works with it.</summary>
public sealed partial class PageTests(ITestOutputHelper output)
{
    private const int Frames = 24;

    [Fact]
    public async Task Page_WithAPastedToken_SubmitsAJobAndShowsEveryFrameLabelledWithTheWorkerThatRenderedIt()
    {
        PlaywrightChromium.EnsureInstalled();   // before the slow start: a missing browser fails at once
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var system = await FarmSystem.StartAsync(cancellation.Token);
        var pat = await system.Admin.IssueAsync("pat");
        await using var chromium = await PlaywrightChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);

        // The user pastes the token, then fills the form the way the API's JSON reads.
        await page.GotoAsync(system.Http.BaseAddress!.ToString());
        await page.FillAsync("#token", pat.Token);
        await page.ClickAsync("#use-token");
        await Assertions.Expect(page.Locator("#submit-card")).ToBeVisibleAsync();
        await page.FillAsync("#name", "page zoom");
        await page.FillAsync("#frames", Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#size", "160x90");
        await page.FillAsync("#iterations", "400");
        await page.FillAsync("#priority", "2");
        await page.ClickAsync("#submit");

        // Every tile shows its frame's image, fetched after the live feed said it was accepted.
        await page.WaitForFunctionAsync(
            """
            n => document.querySelectorAll('#grid .tile').length === n
                && [...document.querySelectorAll('#grid .tile')].every(t => t.dataset.state === 'done' && t.querySelector('img')?.naturalWidth > 0)
            """,
            Frames,
            new() { Timeout = 180_000, PollingInterval = 250 });
        await Assertions.Expect(page.Locator("#job-phase")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.Locator("#count-done")).ToHaveTextAsync(Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#download")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#preview-img")).ToBeVisibleAsync();

        // What the page shows is what the API says: each tile names the worker whose result was accepted, and its silo.
        var id = Guid.Parse(JobInFragment().Match(page.Url).Groups[1].Value);
        var status = await pat.StatusAsync(id);
        Assert.Equal("page zoom", status.GetProperty("spec").GetProperty("name").GetString());
        Assert.Equal(2, status.GetProperty("spec").GetProperty("priority").GetInt32());
        var tiles = await page.EvaluateAsync<string[][]>(
            """
            () => [...document.querySelectorAll('#grid .tile')].map(t => [
                t.dataset.frame, t.querySelector('[data-role=worker]').innerText.trim(), t.dataset.silo,
                String(t.querySelector('img').naturalWidth), String(t.querySelector('img').naturalHeight)])
            """);
        var frames = status.GetProperty("frames").EnumerateArray().ToDictionary(f => f.GetProperty("frame").GetInt32());
        Assert.Equal(Frames, tiles.Length);
        foreach (var tile in tiles)
        {
            var frame = frames[int.Parse(tile[0], System.Globalization.CultureInfo.InvariantCulture)];
            var worker = frame.GetProperty("worker").GetString()!;
            Assert.Equal(worker, tile[1]);
            Assert.Equal(frame.GetProperty("silo").GetString(), tile[2]);
            Assert.StartsWith(tile[2] + "#", worker, StringComparison.Ordinal);
            Assert.Equal("160", tile[3]);
            Assert.Equal("90", tile[4]);
        }

        // The legend counts frames per silo as the status does.
        var legend = await page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('#silos .silo')].map(s => [s.dataset.silo, s.innerText.trim()])");
        var perSilo = status.GetProperty("framesPerSilo").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(perSilo.Keys.Order(), legend.Select(l => l[0]).Order());
        foreach (var entry in legend)
        {
            Assert.Matches($@"\b{perSilo[entry[0]]} frames?$", entry[1]);
        }

        // The token went only in headers: no address the browser asked for carries it.
        Assert.NotEmpty(urls);
        Assert.DoesNotContain(urls, url => url.Contains(pat.Token, StringComparison.Ordinal));

        var path = Path.Combine(TestFolders.RepositoryRoot, "artifacts", "screenshots", "render-farm.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}; frames per silo: {JsonSerializer.Serialize(perSilo)}");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("#job=([0-9a-f-]{36})$")]
    private static partial Regex JobInFragment();
}
