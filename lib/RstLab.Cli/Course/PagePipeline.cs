using System.Threading.Channels;

namespace RstLab.Cli.Course;

/// <summary>Makes the pages of executed notebooks while others still run: each export takes every notebook waiting by then (to the one exporter of the run),
/// then shoots their pages, in one browser for the whole run.</summary>
public sealed class PagePipeline : IAsyncDisposable
{
    sealed record Waiting(string Executed, Action<string> Show, TaskCompletionSource<PageResult> Done);

    readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>();
    readonly PageExport _export;
    readonly Action<string> _problem;
    readonly Task _worker;

    /// <summary>Starts the worker, which waits for the first notebook: <paramref name="export"/> makes the pages,
    /// <paramref name="problem"/> hears why a screenshot is missing, <paramref name="cancel"/> ends the work.</summary>
    public PagePipeline(PageExport export, Action<string> problem, CancellationToken cancel)
    {
        (_export, _problem) = (export, problem);
        _worker = Task.Run(() => WorkAsync(cancel), CancellationToken.None);
    }

    /// <summary>Queues <paramref name="executed"/>; <paramref name="show"/> hears what is being done with it; completes with its page and screenshot.</summary>
    public Task<PageResult> Add(string executed, Action<string> show)
    {
        var waiting = new Waiting(executed, show, new TaskCompletionSource<PageResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(waiting))
            throw new InvalidOperationException("The pipeline was completed: no page can be added.");
        return waiting.Done.Task;
    }

    /// <summary>No more notebooks will come: ends the worker once every page is made, and with it the browser, however the run ended;
    /// what the worker failed with, each notebook waiting for its page heard already.</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        try
        {
            await _worker;
        }
        catch (Exception)
        {
            // Said to every notebook waiting for its page (WorkAsync), and the run ends here anyway.
        }
    }

    async Task WorkAsync(CancellationToken cancel)
    {
        List<Waiting> batch = [];
        await using var camera = new PageCamera();
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(cancel))
            {
                batch = [];
                while (_waiting.Reader.TryRead(out var next))
                    batch.Add(next);
                batch.ForEach(w => w.Show("exporting the page"));
                var pages = await _export.HtmlAsync(batch.Select(w => w.Executed).ToList(), cancel);
                var shots = batch.Where(w => pages.Contains(w.Executed)).ToList();
                shots.ForEach(w => w.Show("taking a screenshot"));
                var missing = await camera.ShootAsync(shots.Select(w => Path.ChangeExtension(w.Executed, ".html")).ToList(), cancel);
                foreach (var why in missing.Values)
                    _problem($"({why})");
                foreach (var w in batch)
                    w.Done.TrySetResult(new PageResult(pages.Contains(w.Executed), shots.Contains(w) && !missing.ContainsKey(Path.ChangeExtension(w.Executed, ".html"))));
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
