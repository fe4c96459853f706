using System.Diagnostics;

namespace RstLab.Cli.Course;

/// <summary>Executed notebooks as pages (nbconvert with the course's offline template <c>lib/page</c>), by one exporter that stays up for the run
/// (<c>lib/page/export.py</c>: nbconvert's start-up is most of a page's cost); <see cref="PageCamera"/> takes their screenshots.</summary>
/// <param name="repository">The repository whose page template is used.</param>
public sealed class PageExport(Repository repository) : IDisposable
{
    /// <summary>The longest one batch of pages may take before the exporter is ended (the next batch starts another).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    Process? _exporter;

    /// <summary>The exporter's process ID while it runs (a test's view: one process for every batch).</summary>
    internal int? ExporterId => _exporter?.Id;

    /// <summary>Exports each of <paramref name="executed"/> to <c>NAME.html</c> beside it; returns the notebooks whose page was made.</summary>
    public async Task<IReadOnlyList<string>> HtmlAsync(IReadOnlyList<string> executed, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var made = new List<string>();
        if (executed.Count == 0 || Exporter() is not { } exporter)
            return made;   // no Jupyter: the run still counts, the pages are missing (./lab setup installs jupyter-nbconvert)
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Timeout);
        // Ending it is what stops a read that waits: its output closes.
        await using var ended = deadline.Token.Register(Stop);
        try
        {
            var paths = executed.Select(Path.GetFullPath).ToList();
            foreach (var path in paths)
                await exporter.StandardInput.WriteLineAsync(path);
            await exporter.StandardInput.FlushAsync(CancellationToken.None);
            for (var i = 0; i < paths.Count; i++)
            {
                var answer = await exporter.StandardOutput.ReadLineAsync();
                if (answer is null)
                    break;   // it ended (ended here, or nbconvert could not start): the rest have no page
                if (answer == $"ok {paths[i]}")
                    made.Add(executed[i]);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Stop();   // it ended, or was ended past the deadline: the next batch starts another
        }
        cancel.ThrowIfCancellationRequested();
        return made;
    }

    /// <summary>Ends the exporter: its input closed, it exits; one that has not within 5 s is killed.</summary>
    public void Dispose()
    {
        try
        {
            _exporter?.StandardInput.Close();
            _exporter?.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (IOException)
        {
            // Already gone.
        }
        Stop();
    }

    // Started at the first page, with the Python that runs nbconvert; null (no pages) where Jupyter is not installed.
    Process? Exporter()
    {
        if (_exporter is { HasExited: false })
            return _exporter;
        Stop();
        if (Python() is not { } python)
            return null;
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(repository.Templates, "page", "export.py"));
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, _) => { };   // nbformat's warnings: read, so the exporter never blocks on a full pipe
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process.Dispose();
            return null;
        }
        process.BeginErrorReadLine();
        return _exporter = process;
    }

    void Stop()
    {
        if (Interlocked.Exchange(ref _exporter, null) is not { } exporter)
            return;
        ChildProcess.Kill(exporter);
        exporter.Dispose();
    }

    /// <summary>The Python that runs nbconvert: the interpreter on the first line of <c>jupyter-nbconvert</c> on PATH (Debian's is
    /// <c>#!/usr/bin/python3</c>; a <c>python3</c> earlier on PATH, e.g. pyenv's, may lack nbconvert); null without it.</summary>
    internal static string? Python(string? path = null)
    {
        foreach (var folder in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var script = Path.Combine(folder, "jupyter-nbconvert");
            if (!File.Exists(script))
                continue;
            var first = File.ReadLines(script).FirstOrDefault() ?? "";
            if (!first.StartsWith("#!", StringComparison.Ordinal))
                return null;
            return first[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
            {
                ["/usr/bin/env", var program, ..] => program,
                [var interpreter, ..] => interpreter,
                _ => null,
            };
        }
        return null;
    }
}
