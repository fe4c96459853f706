using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace RstLab.Cli.Course;

/// <summary>Screenshots of pages' tops in one headless Chromium that can reach no host, started at the first screenshot and kept for the next ones
/// with its windows (its start-up costs as much CPU as a page); disposing it ends the browser and deletes its profile.</summary>
public sealed class PageCamera : IAsyncDisposable
{
    DevToolsPipe? _browser;
    DirectoryInfo? _profile;
    readonly ConcurrentStack<Window> _idle = new();

    /// <summary>Saves a screenshot of the top of each of <paramref name="pages"/> as <c>NAME.png</c> beside it (<see cref="Width"/> × <see cref="Height"/>),
    /// several pages at once; returns why a page has none (a page with its screenshot is not in it).
    /// A page gets <paramref name="pageLimit"/> (two minutes unless set) to load and draw.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ShootAsync(IReadOnlyList<string> pages, CancellationToken cancel, TimeSpan? pageLimit = null)
    {
        if (pages.Count == 0)
            return new Dictionary<string, string>();
        // A profile of its own: Chromium locks its profile, and other runs may shoot at the same time.
        _profile ??= Directory.CreateTempSubdirectory("rstlab-chromium-");
        if (_browser is { Ended: true })
        {
            // It crashed or was never there: the next pages get a fresh one.
            await _browser.DisposeAsync();
            _browser = null;
            _idle.Clear();
        }
        _browser ??= DevToolsPipe.Start(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={_profile.FullName}"]);
        var missing = await Task.WhenAll(pages.Select(page => ShootAsync(_browser, page, pageLimit ?? TimeSpan.FromMinutes(2), cancel)));
        return pages.Zip(missing).Where(m => m.Second is not null).ToDictionary(m => m.First, m => $"no screenshot of {Path.GetFileName(m.First)}: {m.Second}");
    }

    /// <summary>A screenshot's width: the width the course's pages are laid out for.</summary>
    public const int Width = 1280;

    /// <summary>A screenshot's height: the top of the page, as the index page's thumbnail shows it.</summary>
    public const int Height = 2000;

    // A window of its own per page at a time, so that pages of a batch load at once (a tab behind another in one window draws no frame to capture:
    // seen as screenshots that never came). A window that shot its page waits for the next one: a new window costs a renderer's start, about as
    // much CPU as an ordinary page. Returns why there is no screenshot, or null.
    async Task<string?> ShootAsync(DevToolsPipe browser, string page, TimeSpan limit, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(limit);
        var token = deadline.Token;
        Window? window = null;
        var shot = false;
        try
        {
            window = _idle.TryPop(out var idle) ? idle : await OpenAsync(browser, token);
            // A window's virtual time stands still once its last page's budget ran out (so that page, idle, runs nothing), and so would the next page's loading.
            await browser.SendAsync("Emulation.setVirtualTimePolicy", new() { ["policy"] = "advance" }, window.Session, token);
            var loaded = browser.Next("Page.loadEventFired", window.Session, token);
            var navigation = await browser.SendAsync("Page.navigate", new() { ["url"] = new Uri(Path.GetFullPath(page)).AbsoluteUri }, window.Session, token);
            if (navigation["errorText"]?.GetValue<string>() is { } error)
                return error;
            await loaded;
            // Then virtual time, as --virtual-time-budget did: the page's timers (Plotly draws its charts after load) run at once,
            // without real waiting; it stands still while a file the page fetches is loading.
            var drawn = browser.Next("Emulation.virtualTimeBudgetExpired", window.Session, token);
            await browser.SendAsync("Emulation.setVirtualTimePolicy", new() { ["policy"] = "pauseIfNetworkFetchesPending", ["budget"] = 10_000 }, window.Session, token);
            await drawn;
            var image = await browser.SendAsync("Page.captureScreenshot", new()
            {
                ["format"] = "png", ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = Width, ["height"] = Height, ["scale"] = 1 },
            }, window.Session, token);
            await File.WriteAllBytesAsync(Path.ChangeExtension(page, ".png"), Convert.FromBase64String(image["data"]!.GetValue<string>()), token);
            shot = true;
            return null;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"it did not load and draw within {limit.TotalSeconds:0} s";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
        finally
        {
            if (window is not null)
            {
                if (shot)
                    _idle.Push(window);
                else
                    await CloseAsync(browser, window.Target);
            }
        }
    }

    static async Task<Window> OpenAsync(DevToolsPipe browser, CancellationToken cancel)
    {
        var target = (await browser.SendAsync("Target.createTarget", new() { ["url"] = "about:blank", ["newWindow"] = true }, cancel: cancel))["targetId"]!.GetValue<string>();
        try
        {
            var session = (await browser.SendAsync("Target.attachToTarget", new() { ["targetId"] = target, ["flatten"] = true }, cancel: cancel))["sessionId"]!.GetValue<string>();
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new() { ["width"] = Width, ["height"] = Height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session, cancel);
            await browser.SendAsync("Page.enable", session: session, cancel: cancel);
            return new Window(target, session);
        }
        catch
        {
            await CloseAsync(browser, target);
            throw;
        }
    }

    // A browser window the camera drove: its target and the DevTools session attached to it.
    sealed record Window(string Target, string Session);

    // A page that spins keeps its window's renderer busy until the window closes.
    static async Task CloseAsync(DevToolsPipe browser, string target)
    {
        using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await browser.SendAsync("Target.closeTarget", new() { ["targetId"] = target }, cancel: closing.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // The browser ended or does not answer: disposing it kills it.
        }
    }

    /// <summary>Closes the browser (or kills it with its whole tree) and deletes its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_browser is not null)
                await _browser.DisposeAsync();
        }
        finally
        {
            _profile?.Delete(recursive: true);
        }
    }
}
