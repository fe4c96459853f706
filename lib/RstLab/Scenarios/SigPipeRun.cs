namespace RstLab.Scenarios;

/// <summary>How the SIGPIPE child process ended: what it printed, its exit status and whether the kernel saw it ignoring SIGPIPE.</summary>
/// <param name="Program">The interpreter that ran the child, e.g. <c>/usr/bin/python3</c>.</param>
/// <param name="IgnoredSigPipe">Whether the child ignored SIGPIPE, read from its <c>/proc/PID/status</c> just before it wrote.</param>
/// <param name="Lines">What the child printed, one line per write call.</param>
/// <param name="ExitStatus">The exit status as a shell reports it: 128 + N when signal N killed the child (141 for SIGPIPE).</param>
/// <param name="Error">What the child wrote to stderr (a traceback would mean it failed on its own).</param>
public sealed record SigPipeRun(string Program, bool IgnoredSigPipe, IReadOnlyList<string> Lines, int ExitStatus, string Error)
{
    /// <summary>True when SIGPIPE killed the child: exit status 128 + 13, and no error of its own on stderr.</summary>
    public bool KilledBySigPipe => ExitStatus == 128 + Kernel.SignalDisposition.SigPipe && Error.Length == 0;

    /// <summary>Write calls that succeeded before the end.</summary>
    public int WritesOk => Lines.Count(l => l.EndsWith(": ok", StringComparison.Ordinal) || l.Contains(": ok,", StringComparison.Ordinal));

    /// <summary>The errno name of the write that failed and returned (EPIPE when SIGPIPE is ignored), or null when none returned an error.</summary>
    public string? FailedWith => Lines.Select(l => l.Split(": ", 2)).Where(p => p.Length == 2 && p[1].StartsWith('E')).Select(p => p[1].Split(' ')[0]).FirstOrDefault();

    /// <summary>How the child ended, in words.</summary>
    public string Ending => KilledBySigPipe
        ? $"killed by SIGPIPE (signal 13) at write #{WritesOk + 1}: exit status 141 = 128 + 13"
        : FailedWith is string errno
            ? $"write #{WritesOk + 1} returned {errno}; the process carried on and exited with status {ExitStatus}"
            : $"exited with status {ExitStatus}";

    /// <summary>One line: program, disposition, ending.</summary>
    public override string ToString() => $"{Program} (SIGPIPE {(IgnoredSigPipe ? "ignored" : "default action: terminate")}): {string.Join("; ", Lines)} → {Ending}";
}
