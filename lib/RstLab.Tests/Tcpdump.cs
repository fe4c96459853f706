using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using RstLab.Capture;

namespace RstLab.Tests;

/// <summary>tcpdump writing a pcap beside the library's capture, on <c>lo</c> with the same filter: the cross-check for packet-for-packet comparisons.</summary>
sealed partial class Tcpdump : IDisposable
{
    static readonly TimeSpan Ready = TimeSpan.FromSeconds(10), Exit = TimeSpan.FromSeconds(20);
    readonly Process _process;
    readonly Task<string> _error;
    readonly string _file;

    readonly TimeSpan _quiet;

    Tcpdump(Process process, Task<string> error, string file, TimeSpan quiet)
    {
        _process = process;
        _error = error;
        _file = file;
        _quiet = quiet;
    }

    /// <summary>tcpdump's counters as it printed them on exit: captured (written), received by the filter, dropped by the kernel.</summary>
    public (long Captured, long Received, long Dropped) Counts { get; private set; }

    /// <summary>Starts <c>tcpdump -i lo -n -U -w FILE -B KiB -Z root [--immediate-mode] FILTER</c> and returns once it says it is listening.</summary>
    /// <param name="immediate">Each packet as it comes (TPACKET_V2, as the library captures); else in blocks that are handed over when full or after 1 s (TPACKET_V3, tcpdump's default).</param>
    public static Tcpdump Start(string file, string filter, int bufferKiB, bool immediate)
    {
        var start = new ProcessStartInfo("tcpdump") { RedirectStandardError = true, RedirectStandardOutput = true };
        // -Z root: tcpdump would otherwise drop to user tcpdump, who may not write here; -n: no name lookups;
        // -U: each packet is written as it is read, so a file that stopped growing holds everything tcpdump has read.
        foreach (var a in new[] { "-i", "lo", "-n", "-U", "-w", file, "-B", bufferKiB.ToString(), "-Z", "root" }.Concat(immediate ? ["--immediate-mode"] : []).Append(filter))
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("tcpdump did not start");
        var listening = new TaskCompletionSource();
        var error = new System.Text.StringBuilder();
        var done = new TaskCompletionSource<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { done.TrySetResult(error.ToString()); return; }
            lock (error) error.AppendLine(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal)) listening.TrySetResult();
        };
        process.BeginErrorReadLine();
        // SIGINT makes tcpdump stop reading: a block the kernel has not yet handed over (V3: up to 1 s) would be lost, so wait longer than that.
        var dump = new Tcpdump(process, done.Task, file, immediate ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromMilliseconds(1500));
        if (!listening.Task.Wait(Ready))
        {
            dump.Dispose();
            throw new InvalidOperationException($"tcpdump did not start listening within {Ready.TotalSeconds:0} s: {error}");
        }
        return dump;
    }

    /// <summary>Waits until tcpdump's file has stopped growing, stops it as Ctrl-C does (SIGINT: it prints its counters) and reads the frames it wrote.</summary>
    public IReadOnlyList<Frame> Stop()
    {
        var deadline = DateTime.UtcNow + Exit;
        var size = -1L;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            var now = new FileInfo(_file) is { Exists: true } f ? f.Length : 0;
            if (now == size) break;
            size = now;
            Thread.Sleep(_quiet);
        }
        if (!_process.HasExited)
            kill(_process.Id, SigInt);
        if (!_process.WaitForExit(Exit))
            throw new TimeoutException($"tcpdump did not exit within {Exit.TotalSeconds:0} s of SIGINT");
        var text = _error.Wait(Exit) ? _error.Result : "";
        long Count(string what) => Regex.Match(text, @"(\d+) packets? " + what) is { Success: true } m ? long.Parse(m.Groups[1].Value) : -1;
        Counts = (Count("captured"), Count("received by filter"), Count("dropped by kernel"));
        return PcapFile.Read(_file);
    }

    /// <summary>Kills tcpdump if it still runs, so no test leaves one behind.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(Exit);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);
}
