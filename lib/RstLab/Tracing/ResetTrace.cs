using System.Globalization;
using System.Runtime.InteropServices;
using RstLab.Capture;

namespace RstLab.Tracing;

/// <summary>Records the kernel's <c>tcp:tcp_send_reset</c> and <c>tcp:tcp_receive_reset</c> events for an experiment's ports, in a tracefs instance of
/// its own (<c>/sys/kernel/tracing/instances/rstlab-PID-N</c>), so the machine's own tracing is left as it was.</summary>
/// <remarks>
/// <c>tcp_receive_reset</c> has port fields, so the kernel filters it to the experiment's ports; <c>tcp_send_reset</c> stores its addresses as a
/// <c>sockaddr</c> array the event filter cannot match, so its events are filtered here, when read. A trace instance sees every network namespace
/// (the namespace is not a field of the event): events are matched to captured segments by four-tuple and time. The instance's clock is
/// <c>tai</c> (CLOCK_TAI: the wall clock plus a whole number of leap seconds), so events line up with the capture's wall-clock timestamps even
/// when the clock is set during an experiment or the lab runs in a time namespace, where CLOCK_MONOTONIC differs from the kernel's own.
/// </remarks>
public sealed class ResetTrace : IDisposable
{
    /// <summary>Where tracefs is mounted on current kernels.</summary>
    public const string Root = "/sys/kernel/tracing";

    /// <summary>Prefix of every trace instance the lab creates (<c>rstlab-PID-N</c>); those of killed processes are removed by <see cref="Leftovers.Clean"/>.</summary>
    public const string Prefix = Namespaces.NetworkNamespace.Prefix;

    /// <summary>Set to <c>0</c> to turn tracing off (to measure what it costs, or to leave tracefs alone).</summary>
    public const string SwitchVariable = "RSTLAB_TRACE";

    // Per CPU; a reset event takes about 100 bytes, so this holds thousands of resets while costing 2 × 512 KiB on a 2-core machine.
    const int BufferKilobytes = 512;
    static int _counter;
    readonly HashSet<int> _ports;
    readonly DateTimeOffset _clockZero;
    bool _disposed;

    ResetTrace(string instance, HashSet<int> ports, DateTimeOffset clockZero)
    {
        Instance = instance;
        _ports = ports;
        _clockZero = clockZero;
    }

    /// <summary>The instance's folder, e.g. <c>/sys/kernel/tracing/instances/rstlab-1234-1</c>.</summary>
    public string Instance { get; }

    /// <summary>Starts tracing resets on <paramref name="ports"/>; tracing is on when this returns.</summary>
    /// <exception cref="TraceUnavailableException">Not root, no tracefs, or a kernel without the tracepoints' reasons (older than 6.10).</exception>
    public static ResetTrace Start(IReadOnlyCollection<int> ports)
    {
        var set = Guard.Ports(ports).ToHashSet();
        var root = Available();
        var clockZero = ClockZero();
        var instance = Path.Combine(root, "instances", $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        try
        {
            Directory.CreateDirectory(instance);   // mkdir in instances/ creates a whole tracing instance with its own buffer
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceUnavailableException($"A trace instance could not be created in {root}/instances ({e.Message}); the kernel's reset reasons are not traced.", e);
        }
        var trace = new ResetTrace(instance, set, clockZero);
        try
        {
            trace.Write("trace_clock", "tai");
            trace.Write("buffer_size_kb", BufferKilobytes.ToString(CultureInfo.InvariantCulture));
            trace.Write("events/tcp/tcp_receive_reset/filter", string.Join(" || ", set.Order().Select(p => $"sport == {p} || dport == {p}")));
            trace.Write("events/tcp/tcp_receive_reset/enable", "1");
            trace.Write("events/tcp/tcp_send_reset/enable", "1");
            return trace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            trace.Dispose();
            throw new TraceUnavailableException($"The trace instance {instance} could not be set up ({e.Message}); the kernel's reset reasons are not traced.", e);
        }
    }

    /// <summary>Why tracing cannot run here, or null when it can: the check <see cref="Start"/> makes, for a capability probe.</summary>
    public static string? Problem()
    {
        try
        {
            Available();
            return null;
        }
        catch (TraceUnavailableException e)
        {
            return e.Message;
        }
    }

    /// <summary>The resets traced so far on the experiment's ports, in the kernel's order; how many events the buffer lost is in <see cref="Lost"/>.</summary>
    public IReadOnlyList<ResetEvent> Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var events = new List<ResetEvent>();
        foreach (var line in File.ReadLines(Path.Combine(Instance, "trace")))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (line.StartsWith('#'))
            {
                Lost = LostIn(line) ?? Lost;
                continue;
            }
            if (ResetEvent.Parse(line, _clockZero) is { } e && (_ports.Contains(e.Source.Port) || _ports.Contains(e.Destination.Port)))
                events.Add(e);
        }
        return events;
    }

    /// <summary>Events the instance's buffer overwrote before they were read (from the <c>entries-written</c> header), as of the last <see cref="Read"/>.</summary>
    public long Lost { get; private set; }

    /// <summary>Turns the events off and removes the instance; safe to call more than once.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Remove(Instance);
    }

    /// <summary>Removes a trace instance: its events off first (the kernel refuses to remove an instance that is still in use).</summary>
    internal static bool Remove(string instance)
    {
        try
        {
            File.WriteAllText(Path.Combine(instance, "events/enable"), "0");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        try
        {
            Directory.Delete(instance);   // rmdir: the kernel frees the instance and its buffer
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes the trace instances of lab processes that are gone (killed before they could dispose them); returns their names.</summary>
    internal static IReadOnlyList<string> RemoveStale()
    {
        var instances = Path.Combine(Root, "instances");
        if (!Environment.IsPrivilegedProcess || !Directory.Exists(instances))
            return [];
        var removed = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(instances, Prefix + "*"))
        {
            var name = Path.GetFileName(dir);
            if (name[Prefix.Length..].Split('-') is [var pid, _] && int.TryParse(pid, CultureInfo.InvariantCulture, out var p)
                && p != Environment.ProcessId && Leftovers.Identity(p) is null && Remove(dir))
                removed.Add(name);
        }
        return removed;
    }

    void Write(string file, string value) => File.WriteAllText(Path.Combine(Instance, file), value);

    // The wall time at which CLOCK_TAI read zero: the epoch less TAI's offset from UTC, which is whole seconds (0 until a time
    // daemon sets it, 37 since 2017), so rounding removes the moment between the two clock readings.
    static DateTimeOffset ClockZero()
    {
        const int ClockTai = 11;
        if (clock_gettime(ClockTai, out var tai) != 0)
            throw new TraceUnavailableException($"The kernel's reset reasons are not traced: CLOCK_TAI could not be read ({Marshal.GetLastPInvokeErrorMessage()}).");
        var offset = tai.Seconds + tai.Nanoseconds / 1e9 - (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalSeconds;
        return DateTimeOffset.UnixEpoch - TimeSpan.FromSeconds(Math.Round(offset));
    }

    [StructLayout(LayoutKind.Sequential)]
    readonly record struct TimeSpec(long Seconds, long Nanoseconds);

    [DllImport("libc", SetLastError = true)]
    static extern int clock_gettime(int clock, out TimeSpec time);

    internal static long? LostIn(string header)
    {
        // "# entries-in-buffer/entries-written: 124/130   #P:2"
        const string key = "entries-in-buffer/entries-written:";
        var at = header.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var numbers = header[(at + key.Length)..].Trim().Split(' ')[0].Split('/');
        return numbers.Length == 2 && long.TryParse(numbers[0], CultureInfo.InvariantCulture, out var kept) && long.TryParse(numbers[1], CultureInfo.InvariantCulture, out var written)
            ? written - kept
            : null;
    }

    // Root, tracefs mounted (mounting it if it is not), and tracepoints that carry a reason (Linux 6.10 and later).
    static string Available()
    {
        if (!OperatingSystem.IsLinux())
            throw new TraceUnavailableException("The kernel's reset reasons come from Linux tracepoints; this is not Linux, so they are not traced.");
        if (Environment.GetEnvironmentVariable(SwitchVariable) == "0")
            throw new TraceUnavailableException($"The kernel's reset reasons are not traced: tracing is turned off ({SwitchVariable}=0).");
        if (!Environment.IsPrivilegedProcess)
            throw new TraceUnavailableException("The kernel's reset reasons are not traced: tracefs is readable by root only; run the kernel as root (sudo ./lab run) to see them.");
        if (!Directory.Exists(Path.Combine(Root, "instances")) && Mount(Root) is { } failure)
            throw new TraceUnavailableException($"The kernel's reset reasons are not traced: tracefs is not mounted at {Root} and mounting it failed ({failure}); a container may need it from its host.");
        var format = Path.Combine(Root, "events/tcp/tcp_send_reset/format");
        if (!File.Exists(format))
            throw new TraceUnavailableException($"The kernel's reset reasons are not traced: kernel {Recordings.KernelRelease()} has no tcp:tcp_send_reset tracepoint (it needs Linux 6.10 or later with tracepoints).");
        if (!File.ReadAllText(format).Contains("field:enum sk_rst_reason reason", StringComparison.Ordinal))
            throw new TraceUnavailableException($"The kernel's reset reasons are not traced: kernel {Recordings.KernelRelease()} is older than 6.10, its tcp_send_reset tracepoint carries no reason.");
        return Root;
    }

    static string? Mount(string path)
    {
        if (!Directory.Exists(path))
            return $"{path} does not exist";
        return mount("nodev", path, "tracefs", 0, IntPtr.Zero) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();
    }

    [DllImport("libc", SetLastError = true)]
    static extern int mount(string source, string target, string filesystemtype, ulong mountflags, IntPtr data);
}
