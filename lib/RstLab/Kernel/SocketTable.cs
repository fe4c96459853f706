using System.Globalization;
using System.Net;

namespace RstLab.Kernel;

/// <summary>One TCP socket from the kernel's socket table (<c>/proc/net/tcp</c>, <c>/proc/net/tcp6</c>).</summary>
/// <param name="Local">Local address and port.</param>
/// <param name="Remote">Remote address and port (0.0.0.0:0 for a listener).</param>
/// <param name="State">TCP state, e.g. <see cref="TcpState.TimeWait"/> (shown <c>TIME-WAIT</c>).</param>
/// <param name="SendQueue">Send-Q: bytes not yet acknowledged by the peer (for a listener: 0).</param>
/// <param name="ReceiveQueue">Recv-Q: bytes received but not read by the application (for a listener: connections waiting in the accept queue).</param>
/// <param name="Timer">Time left on the socket's running kernel timer (retransmit, keepalive, TIME-WAIT), or null when none runs.</param>
public sealed record SocketEntry(IPEndPoint Local, IPEndPoint Remote, TcpState State, long SendQueue, long ReceiveQueue, TimeSpan? Timer = null);

/// <summary>Reads the kernel's TCP socket table, filtered to the experiment's ports.</summary>
public static class SocketTable
{
    static readonly TimeSpan MostBetweenReads = TimeSpan.FromMilliseconds(80);

    /// <summary>Sockets of the calling thread's namespace whose local or remote port is one of <paramref name="ports"/>.</summary>
    public static IReadOnlyList<SocketEntry> Read(params int[] ports) => ReadFolder("/proc/thread-self/net", Guard.Ports(ports));

    /// <summary>The calling thread's sockets on <paramref name="port"/> as soon as <paramref name="done"/> holds for them, or as they are after <paramref name="timeout"/> (at most 10 s).</summary>
    /// <remarks>A close can finish a moment after <c>close()</c> returned (softirq work deferred under load, a delayed ACK).</remarks>
    public static IReadOnlyList<SocketEntry> WaitFor(int port, Func<IReadOnlyList<SocketEntry>, bool> done, TimeSpan timeout)
    {
        Guard.NotNull(done);
        Guard.Port(port);
        Guard.Timeout(timeout, TimeSpan.FromSeconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sockets = Read(port);
        // Each read walks the kernel's whole established hash, which all namespaces share: quick at first, then less often.
        var pause = TimeSpan.FromMilliseconds(5);
        while (!done(sockets) && clock.Elapsed < timeout)
        {
            Thread.Sleep(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MostBetweenReads.Ticks));
            sockets = Read(port);
        }
        return sockets;
    }

    /// <summary>Sockets listed in <c>tcp</c>/<c>tcp6</c> under <paramref name="folder"/> that use one of <paramref name="ports"/>.</summary>
    public static IReadOnlyList<SocketEntry> Read(string folder, params int[] ports) =>
        ReadFolder(Guard.ExistingFolder(folder, "folder holding tcp and tcp6 (like /proc/net)"), Guard.Ports(ports));

    static IReadOnlyList<SocketEntry> ReadFolder(string folder, int[] ports)
    {
        var entries = new List<SocketEntry>();
        foreach (var file in new[] { "tcp", "tcp6" })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
                entries.AddRange(Parse(File.ReadAllText(path)));
        }
        return entries.Where(e => ports.Contains(e.Local.Port) || ports.Contains(e.Remote.Port)).ToList();
    }

    /// <summary>Parses the text of <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c>.</summary>
    public static IReadOnlyList<SocketEntry> Parse(string text)
    {
        Guard.NotNull(text);
        var result = new List<SocketEntry>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6)
                continue;
            var state = int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var queues = f[4].Split(':');
            var timer = f[5].Split(':');
            result.Add(new SocketEntry(
                Endpoint(f[1]),
                Endpoint(f[2]),
                // TcpState has the kernel's numbering; 13 (TCP_BOUND_INACTIVE) and later hold no connection.
                Enum.IsDefined((TcpState)state) ? (TcpState)state : TcpState.Closed,
                long.Parse(queues[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                // The kernel prints the time left in clock ticks, USER_HZ = 100 per second on every Linux.
                timer[0] == "00" ? null : TimeSpan.FromSeconds(long.Parse(timer[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 100.0)));
        }
        return result;
    }

    static IPEndPoint Endpoint(string hex)
    {
        var parts = hex.Split(':');
        var port = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var raw = Convert.FromHexString(parts[0]);
        // The kernel prints each 32-bit word in host (little-endian) order.
        for (var i = 0; i < raw.Length; i += 4)
            Array.Reverse(raw, i, 4);
        return new IPEndPoint(new IPAddress(raw), port);
    }
}
