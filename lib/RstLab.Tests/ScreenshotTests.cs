using System.Buffers.Binary;
using RstLab.Cli.Course;

namespace RstLab.Tests;

/// <summary>./lab run's screenshots: every page in one headless Chromium (its headless shell where installed) over its DevTools pipe, kept from batch to batch with its windows, the top of each page at 1280 × 2000.</summary>
public sealed class ScreenshotTests
{
    const string Box = "<div style=\"position:absolute;left:100px;top:1500px;width:400px;height:300px;background:#c00\"></div>";

    [Fact]
    public async Task It_shoots_every_page_of_a_batch_at_1280_by_2000_after_its_timers_have_drawn()
    {
        using var folder = new TempFolder();
        await using var camera = new PageCamera();
        // The same red box, drawn by the page itself, drawn 3 s after load (as Plotly draws a chart after load), or not at all.
        var drawn = Page(folder, "drawn", Box);
        var timer = Page(folder, "timer", $"<script>setTimeout(() => document.body.insertAdjacentHTML('beforeend', '{Box}'), 3000);</script>");
        var blank = Page(folder, "blank", "");

        var missing = await camera.ShootAsync([drawn, timer, blank], CancellationToken.None);

        Assert.Empty(missing);
        foreach (var page in (string[])[drawn, timer, blank])
            Assert.Equal((PageCamera.Width, PageCamera.Height), PngSize(Path.ChangeExtension(page, ".png")));
        Assert.Equal(File.ReadAllBytes(Path.ChangeExtension(drawn, ".png")), File.ReadAllBytes(Path.ChangeExtension(timer, ".png")));
        Assert.NotEqual(File.ReadAllBytes(Path.ChangeExtension(drawn, ".png")), File.ReadAllBytes(Path.ChangeExtension(blank, ".png")));
        Assert.Empty(Directory.GetDirectories(folder.Path));
    }

    [Fact]
    public async Task It_shoots_each_page_afresh_in_a_window_an_earlier_page_left()
    {
        using var folder = new TempFolder();
        await using var camera = new PageCamera();
        var drawn = Page(folder, "drawn", Box);
        var blank = Page(folder, "blank", "");
        var timer = Page(folder, "timer", $"<script>setTimeout(() => document.body.insertAdjacentHTML('beforeend', '{Box}'), 3000);</script>");

        // One page at a time, as notebooks end: the window that shot a page shoots the next, whose virtual time must run again.
        foreach (var page in (string[])[drawn, blank, timer])
            Assert.Empty(await camera.ShootAsync([page], CancellationToken.None, pageLimit: TimeSpan.FromSeconds(30)));

        Assert.NotEqual(File.ReadAllBytes(Path.ChangeExtension(drawn, ".png")), File.ReadAllBytes(Path.ChangeExtension(blank, ".png")));
        Assert.Equal(File.ReadAllBytes(Path.ChangeExtension(drawn, ".png")), File.ReadAllBytes(Path.ChangeExtension(timer, ".png")));
    }

    [Fact]
    public async Task It_says_why_a_page_that_is_missing_or_never_loads_has_no_screenshot_and_shoots_the_others_and_the_next_batch()
    {
        using var folder = new TempFolder();
        await using var camera = new PageCamera();
        var missingPage = Path.Combine(folder.Path, "gone.html");
        var spinning = Page(folder, "spinning", "<script>while (true) {}</script>");
        var fine = Page(folder, "fine", Box);

        var missing = await camera.ShootAsync([missingPage, spinning, fine], CancellationToken.None, pageLimit: TimeSpan.FromSeconds(10));

        Assert.StartsWith("no screenshot of gone.html: net::ERR_FILE_NOT_FOUND", missing[missingPage]);
        Assert.Equal("no screenshot of spinning.html: it did not load and draw within 10 s", missing[spinning]);
        Assert.False(missing.ContainsKey(fine), missing.GetValueOrDefault(fine));
        Assert.Equal((PageCamera.Width, PageCamera.Height), PngSize(Path.ChangeExtension(fine, ".png")));
        Assert.False(File.Exists(Path.ChangeExtension(spinning, ".png")));
        // The same browser shoots the next batch.
        var next = Page(folder, "next", Box);
        Assert.Empty(await camera.ShootAsync([next], CancellationToken.None));
        Assert.Equal((PageCamera.Width, PageCamera.Height), PngSize(Path.ChangeExtension(next, ".png")));
    }

    [Fact]
    public async Task It_takes_the_headless_shell_else_chromium_and_says_what_to_install_when_neither_is_there()
    {
        using var profile = new TempFolder();
        string[] arguments = ["--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile.Path}"];

        // The shell calls itself HeadlessChrome; the browser, even headless, Chrome.
        await using (var first = DevToolsPipe.Start(arguments))
            Assert.StartsWith("HeadlessChrome/", await Product(first));
        await using (var fallback = DevToolsPipe.Start(arguments, ["rstlab-no-such-browser", "chromium"]))
            Assert.StartsWith("Chrome/", await Product(fallback));
        await using var none = DevToolsPipe.Start(arguments, ["rstlab-no-such-browser", "rstlab-nor-this"]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Product(none));
        Assert.Equal("none of rstlab-no-such-browser, rstlab-nor-this is installed; ./lab setup --tests installs them", error.Message);
    }

    static async Task<string> Product(DevToolsPipe browser)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await browser.SendAsync("Browser.getVersion", cancel: limit.Token))["product"]!.GetValue<string>();
    }

    static string Page(TempFolder folder, string name, string body)
    {
        var page = Path.Combine(folder.Path, name + ".html");
        File.WriteAllText(page, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;background:#fff\">{body}</body></html>");
        return page;
    }

    // A PNG's width and height, from its IHDR chunk, the first after the 8-byte signature.
    static (int Width, int Height) PngSize(string png)
    {
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
