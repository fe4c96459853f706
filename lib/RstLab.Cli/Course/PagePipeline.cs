using System.Threading.Channels;

namespace RstLab.Cli.Course;

/// <summary>Makes the pages of executed notebooks while others still run: each export takes every notebook waiting by then (one nbconvert start for all of them),
/// then shoots their pages, <paramref name="shots"/> at once.</summary>
/// <param name="export">The export and screenshot.</param>
/// <param name="shots">How many screenshots are taken at once.</param>
/// <param name="problem">Hears why a screenshot is missing.</param>
public sealed class PagePipeline(PageExport export, int shots, Action<string> problem)
{
    sealed record Waiting(string Executed, Action<string> Show, TaskCompletionSource<PageResult> Done);

    readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>();
    readonly Lock _starting = new();
    Task? _worker;

    /// <summary>Queues <paramref name="executed"/>; <paramref name="show"/> hears what is being done with it; completes with its page and screenshot.</summary>
    public Task<PageResult> Add(string executed, Action<string> show, CancellationToken cancel)
    {
        lock (_starting)
            _worker ??= Task.Run(() => WorkAsync(cancel), CancellationToken.None);
        var waiting = new Waiting(executed, show, new TaskCompletionSource<PageResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(waiting))
            throw new InvalidOperationException("The pipeline was completed: no page can be added.");
        return waiting.Done.Task;
    }

    /// <summary>No more notebooks will come: ends the worker once every page is made.</summary>
    public async Task CompleteAsync()
    {
        _waiting.Writer.TryComplete();
        if (_worker is { } worker)
            await worker;
    }

    async Task WorkAsync(CancellationToken cancel)
    {
        List<Waiting> batch = [];
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(cancel))
            {
                batch = [];
                while (_waiting.Reader.TryRead(out var next))
                    batch.Add(next);
                batch.ForEach(w => w.Show("exporting the page"));
                var pages = await export.HtmlAsync(batch.Select(w => w.Executed).ToList(), cancel);
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = shots, CancellationToken = cancel }, async (w, token) =>
                {
                    if (!pages.Contains(w.Executed))
                    {
                        w.Done.TrySetResult(new PageResult(false, false));
                        return;
                    }
                    w.Show("taking a screenshot");
                    var missing = await PageExport.ScreenshotAsync(Path.ChangeExtension(w.Executed, ".html"), Path.ChangeExtension(w.Executed, ".png"), token);
                    if (missing is not null)
                        problem($"({missing})");
                    w.Done.TrySetResult(new PageResult(true, missing is null));
                });
            }
        }
        catch (Exception e)
        {
            // Every notebook still waiting hears why, instead of waiting for ever.
            _waiting.Writer.TryComplete();
            while (_waiting.Reader.TryRead(out var left))
                batch.Add(left);
            batch.ForEach(w => w.Done.TrySetException(e));
            throw;
        }
    }
}
