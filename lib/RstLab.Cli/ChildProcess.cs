using System.Diagnostics;

namespace RstLab.Cli;

/// <summary>Runs a program to its end or its deadline; on cancellation (Ctrl+C, SIGTERM) or past the deadline it is ended with its whole tree.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/>; each line it prints (standard output and error) goes to <paramref name="line"/>, or straight to this terminal when that is null.</summary>
    public static async Task<ChildExit> RunAsync(string program, IEnumerable<string> arguments, Action<string>? line = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = line is not null, RedirectStandardError = line is not null, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        if (line is not null)
        {
            // Lines arrive on two threads; the receiver sees one at a time.
            var gate = new object();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) line(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) line(e.Data); };
        }
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {program} ({e.Message}): is it installed? ./lab setup installs what the lab needs.", e);
        }
        if (line is not null)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        using var deadline = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        try
        {
            await process.WaitForExitAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancel.ThrowIfCancellationRequested();
            return new ChildExit(-1, TimedOut: true, clock.Elapsed);
        }
        return new ChildExit(process.ExitCode, TimedOut: false, clock.Elapsed);
    }

    /// <summary>Runs <paramref name="program"/> and returns what it printed on standard output, or null when it is missing or fails.</summary>
    public static string? Output(string program, params string[] arguments)
    {
        var lines = new List<string>();
        try
        {
            var exit = RunAsync(program, arguments, lines.Add, timeout: TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            return exit.Succeeded ? string.Join("\n", lines) : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Ends <paramref name="process"/> with its whole tree and waits (up to 10 s) until it has.</summary>
    internal static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }
}
