namespace RstLab.Cli.Course;

/// <summary>An executed notebook as a page (nbconvert with the course's offline template <c>lib/page</c>); <see cref="PageCamera"/> takes its screenshot.</summary>
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
}
