namespace RstLab.Cli.Course;

/// <summary>An executed notebook as a page (nbconvert with the course's offline template <c>lib/page</c>) and a screenshot of its top (headless Chromium, every host unreachable).</summary>
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

    /// <summary>Saves a screenshot of <paramref name="page"/>'s top as <paramref name="png"/>; returns why there is none, or null.</summary>
    public static async Task<string?> ScreenshotAsync(string page, string png, CancellationToken cancel)
    {
        // A profile of its own: Chromium locks its profile, and pages are shot at once.
        var profile = Path.Combine(Path.GetDirectoryName(png)!, ".chromium-" + Path.GetFileNameWithoutExtension(png));
        try
        {
            await ChildProcess.RunAsync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
                $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--window-size=1280,2000", $"--screenshot={png}", "file://" + page],
                _ => { }, timeout: TimeSpan.FromMinutes(2), cancel: cancel);
        }
        catch (InvalidOperationException)
        {
            return $"no screenshot of {Path.GetFileName(page)}: chromium is not installed; ./lab setup --tests installs it";
        }
        finally
        {
            if (Directory.Exists(profile))
                Directory.Delete(profile, recursive: true);
        }
        return File.Exists(png) ? null : $"no screenshot of {Path.GetFileName(page)}";
    }
}
