using System.Diagnostics;
using System.Net.Sockets;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>The article's "crash": a child process that writes to a connection whose peer has closed, with SIGPIPE at its default action (terminate), which .NET cannot show in its own process because the runtime ignores SIGPIPE.</summary>
public static class SigPipeChild
{
    // The article's client in Python: write() on the raw descriptor, as C does, after setting SIGPIPE as asked
    // (Python itself starts with SIGPIPE ignored). It waits for "go" so the server has closed before the first write.
    // It first asks Linux to SIGKILL it when its parent goes (PR_SET_PDEATHSIG, prctl option 1), so a killed kernel
    // leaves no child behind; if the kernel is already gone it stops. Linux sends that signal when the thread that
    // started the child ends, not only the process: Run blocks that thread until the child has ended, so it never does early.
    const string Script = """
        import errno, os, signal, socket, sys
        port, chunk, writes, action, kernel = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
        try:
            import ctypes
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        except (ImportError, AttributeError, OSError):
            pass
        if os.getppid() != kernel:
            sys.exit("the kernel that started this child is gone")
        signal.signal(signal.SIGPIPE, signal.SIG_IGN if action == "ignore" else signal.SIG_DFL)
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        print("connected", flush=True)
        if not sys.stdin.readline():
            sys.exit("no go: the kernel that started this child is gone")
        total = 0
        for i in range(1, writes + 1):
            try:
                total += os.write(s.fileno(), bytes(chunk))
                print(f"write #{i}: ok, total {total}", flush=True)
            except OSError as e:
                print(f"write #{i}: {errno.errorcode[e.errno]} ({e.errno})", flush=True)
                break
        """;

    /// <summary>How long the child may take in all; it is killed after that.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs the child against a server on 127.0.0.1 that accepts and closes at once; the child writes up to <paramref name="writes"/> chunks.</summary>
    /// <param name="ignoreSigPipe">False: SIGPIPE at its default action, as in a C program (the article). True: ignored, as .NET and Python do.</param>
    /// <param name="writes">Write calls the child makes at most (1 to 100).</param>
    /// <param name="chunk">Bytes per write (1 to 1 MiB).</param>
    /// <param name="python">The Python interpreter (default: <c>python3</c> from PATH).</param>
    public static SigPipeRun Run(bool ignoreSigPipe = false, int writes = 3, int chunk = SendBufferSweep.ArticleChunk, string? python = null)
    {
        if (writes is < 1 or > 100)
            throw Guard.Fail(nameof(writes), $"writes must be 1–100; got {writes}. The child dies (or fails) at the second.");
        if (chunk is <= 0 or > SendBufferSweep.MaxChunk)
            throw Guard.Fail(nameof(chunk), $"chunk must be 1–{SendBufferSweep.MaxChunk} bytes; got {chunk}. The article wrote 5000 at a time.");
        if (python is not null && !File.Exists(python))
            throw Guard.Fail(nameof(python), $"No Python interpreter at '{python}': pass the path of python3, or null to find it on PATH.");
        var program = python ?? FindPython();
        using var listener = Loopback.Listen(0, 1);
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        var start = Leftovers.Mark(new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true });
        foreach (var argument in new[] { "-c", Script, $"{port}", $"{chunk}", $"{writes}", ignoreSigPipe ? "ignore" : "default", $"{Environment.ProcessId}" })
            start.ArgumentList.Add(argument);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        try
        {
            var error = child.StandardError.ReadToEndAsync();
            var lines = new List<string>();
            var first = ReadLine(child, lines);
            if (first != "connected")
                throw new InvalidOperationException($"The child did not connect ({program} said: '{first}' {Finish(child, error)}).");
            if (!listener.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead))
                throw new TimeoutException("The child's connection did not arrive within 5 s.");
            listener.Accept().Close();   // the server accepts and closes: its kernel sends FIN
            var ignored = SignalDisposition.Ignores(SignalDisposition.SigPipe, child.Id);
            child.StandardInput.WriteLine("go");
            child.StandardInput.Close();
            while (ReadLine(child, lines) is not null) { }
            var stderr = Finish(child, error);
            lines.RemoveAt(0);
            return new SigPipeRun(program, ignored, lines, child.ExitCode, stderr);
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
        }
    }

    static string? ReadLine(Process child, List<string> lines)
    {
        var read = child.StandardOutput.ReadLineAsync();
        if (!read.Wait(Timeout))
            throw new TimeoutException($"The child printed nothing for {Timeout.TotalSeconds:0} s; it was killed.");
        if (read.Result is string line)
            lines.Add(line);
        return read.Result;
    }

    static string Finish(Process child, Task<string> error)
    {
        if (!child.WaitForExit(Timeout))
            throw new TimeoutException($"The child did not end within {Timeout.TotalSeconds:0} s; it was killed.");
        return error.Wait(Timeout) ? error.Result.Trim() : "";
    }

    static string FindPython()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return path.Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The SIGPIPE child is a small Python program and python3 was not found on PATH. ./lab setup installs it (jupyter-nbconvert depends on it); or pass the interpreter's path.");
    }
}
