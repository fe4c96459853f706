using System.Collections.Concurrent;
using System.Diagnostics;
using Spectre.Console;

namespace RstLab.Cli.Testing;

/// <summary>Runs <c>dotnet test</c> and shows the counts as tests finish: a live line on a terminal, a line a minute in a log.</summary>
/// <param name="terminal">Where the counts (and, when echoed, the runner's lines) go.</param>
public sealed class TestRunner(Terminal terminal)
{
    static readonly TimeSpan PlainEvery = TimeSpan.FromMinutes(1);

    /// <summary>Runs <c>dotnet test</c> with <paramref name="arguments"/>; each line goes to <paramref name="log"/> if given and to the terminal when
    /// <paramref name="echo"/> (on a live terminal only what is not a passed test: the counts stand for those).</summary>
    public async Task<(ChildExit Exit, TestCounts Seen)> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        TextWriter? log, bool echo, CancellationToken cancel)
    {
        var progress = new TestProgress();
        var pending = new ConcurrentQueue<string>();
        void Line(string line)
        {
            log?.WriteLine(line);
            var outcome = progress.Read(line);
            if (echo && !(terminal.Live && outcome == "Passed"))
                pending.Enqueue(line);
        }
        var clock = Stopwatch.StartNew();
        var run = ChildProcess.RunAsync("dotnet", ["test", .. arguments], Line, environment: environment, cancel: cancel);
        if (terminal.Live)
        {
            await terminal.Console.Status().StartAsync("starting dotnet test", async context =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
                    Drain(pending);
                    context.Status($"{progress.Counts} · {clock.Elapsed:m\\:ss}");
                }
            });
        }
        else
        {
            var next = PlainEvery;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
                Drain(pending);
                if (clock.Elapsed >= next)
                {
                    terminal.Line($"-- so far {progress.Counts} ({clock.Elapsed.TotalMinutes:0} min)");
                    next += PlainEvery;
                }
            }
        }
        Drain(pending);
        return (await run, progress.Counts);
    }

    void Drain(ConcurrentQueue<string> lines)
    {
        while (lines.TryDequeue(out var line))
            terminal.Console.WriteLine(line, Style.Plain);
    }
}
