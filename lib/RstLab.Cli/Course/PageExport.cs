namespace RstLab.Cli.Course;

/// <summary>An executed notebook as a page (nbconvert with the course's offline template <c>lib/page</c>) and a screenshot of its top (headless Chromium, every host unreachable, one browser for a batch).</summary>
/// <param name="repository">The repository whose page template is used.</param>
public sealed class PageExport(Repository repository)
{
    /// <summary>Exports each of <paramref name="executed"/> to <c>NAME.html</c> beside it, in one nbconvert run (its start-up is most of a page's time);
    /// returns the notebooks whose page exists.</summary>
    public async Task<IReadOnlyList<string>> HtmlAsync(IReadOnlyList<string> executed, CancellationToken cancel)
    {
        if (executed.Count == 0)
            return [];
        var folder = Path.GetDirectoryName(executed[0])!;
        try
        {
            await ChildProcess.RunAsync("jupyter", ["nbconvert", "--to", "html", "--log-level", "WARN",
                $"--TemplateExporter.extra_template_basedirs={repository.Templates}", "--template", "page", .. executed, "--output-dir", folder],
                _ => { }, timeout: TimeSpan.FromMinutes(2), cancel: cancel);
        }
        catch (InvalidOperationException)
        {
            // No Jupyter: the run still counts, the pages are missing (./lab setup installs jupyter-nbconvert).
        }
        return executed.Where(e => File.Exists(Path.ChangeExtension(e, ".html"))).ToList();
    }

    /// <summary>Saves a screenshot of the top of each of <paramref name="pages"/> as <c>NAME.png</c> beside it (<see cref="Width"/> × <see cref="Height"/>), all in one
    /// headless Chromium that can reach no host, several pages at once; returns why a page has none (a page with its screenshot is not in it).
    /// A page gets <paramref name="pageLimit"/> (two minutes unless set) to load and draw.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ScreenshotsAsync(IReadOnlyList<string> pages, CancellationToken cancel, TimeSpan? pageLimit = null)
    {
        if (pages.Count == 0)
            return new Dictionary<string, string>();
        // A profile of its own: Chromium locks its profile, and other runs may shoot at the same time.
        var profile = Directory.CreateTempSubdirectory("rstlab-chromium-");
        try
        {
            await using var browser = DevToolsPipe.Start(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profile.FullName}"]);
            var missing = await Task.WhenAll(pages.Select(page => ShootAsync(browser, page, pageLimit ?? TimeSpan.FromMinutes(2), cancel)));
            return pages.Zip(missing).Where(m => m.Second is not null).ToDictionary(m => m.First, m => $"no screenshot of {Path.GetFileName(m.First)}: {m.Second}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>A screenshot's width: the width the course's pages are laid out for.</summary>
    public const int Width = 1280;

    /// <summary>A screenshot's height: the top of the page, as the index page's thumbnail shows it.</summary>
    public const int Height = 2000;

    // A window of its own per page, so that pages of a batch load at once (a tab behind another in one window draws no frame to capture:
    // seen as screenshots that never came); returns why there is no screenshot, or null.
    static async Task<string?> ShootAsync(DevToolsPipe browser, string page, TimeSpan limit, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(limit);
        var token = deadline.Token;
        try
        {
            var target = (await browser.SendAsync("Target.createTarget", new() { ["url"] = "about:blank", ["newWindow"] = true }, cancel: token))["targetId"]!.GetValue<string>();
            var tab = (await browser.SendAsync("Target.attachToTarget", new() { ["targetId"] = target, ["flatten"] = true }, cancel: token))["sessionId"]!.GetValue<string>();
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new() { ["width"] = Width, ["height"] = Height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, tab, token);
            var loaded = browser.Next("Page.loadEventFired", tab, token);
            await browser.SendAsync("Page.enable", session: tab, cancel: token);
            var navigation = await browser.SendAsync("Page.navigate", new() { ["url"] = new Uri(Path.GetFullPath(page)).AbsoluteUri }, tab, token);
            if (navigation["errorText"]?.GetValue<string>() is { } error)
                return error;
            await loaded;
            // Then virtual time, as --virtual-time-budget did: the page's timers (Plotly draws its charts after load) run at once,
            // without real waiting; it stands still while a file the page fetches is loading.
            var drawn = browser.Next("Emulation.virtualTimeBudgetExpired", tab, token);
            await browser.SendAsync("Emulation.setVirtualTimePolicy", new() { ["policy"] = "pauseIfNetworkFetchesPending", ["budget"] = 10_000 }, tab, token);
            await drawn;
            var shot = await browser.SendAsync("Page.captureScreenshot", new()
            {
                ["format"] = "png", ["clip"] = new System.Text.Json.Nodes.JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = Width, ["height"] = Height, ["scale"] = 1 },
            }, tab, token);
            await File.WriteAllBytesAsync(Path.ChangeExtension(page, ".png"), Convert.FromBase64String(shot["data"]!.GetValue<string>()), token);
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
    }
}
