using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>What the client's calls returned while (or after) its peer closed, with the packets and the counters.</summary>
/// <param name="Steps">The client's calls in order: each write (bytes accepted, or the error) and the final recv.</param>
/// <param name="Sockets">Both ends in the kernel's socket table just before the client's first write after the close.</param>
/// <param name="SocketsAfter">Both ends in the socket table after the final recv, before the client closed (the RST removed them: an empty list).</param>
/// <param name="Counters">How the kernel's counters moved during the experiment.</param>
/// <param name="PeerRead">Bytes the peer application read before it closed.</param>
/// <param name="SendBuffer">The client's effective <c>SO_SNDBUF</c> (read back).</param>
/// <param name="Wire">The packets (live, or the recording), or null when the run was not captured.</param>
public sealed record ClosedPeerRun(
    IReadOnlyList<SocketOutcome> Steps,
    IReadOnlyList<SocketEntry> Sockets,
    IReadOnlyList<SocketEntry> SocketsAfter,
    CounterDelta Counters,
    long PeerRead,
    int SendBuffer,
    WireCapture? Wire)
{
    /// <summary>The write calls, in order.</summary>
    public IReadOnlyList<SocketOutcome> Writes => Steps.Where(s => s.Call.StartsWith("write", StringComparison.Ordinal)).ToList();

    /// <summary>The final recv() call.</summary>
    public SocketOutcome Receive => Steps.Last(s => s.Call.StartsWith("recv", StringComparison.Ordinal));

    /// <summary>Bytes the client's write calls accepted: what the application "sent".</summary>
    public long BytesWritten => Writes.Where(w => w.Succeeded).Sum(w => w.Value);

    /// <summary>Bytes written that the peer application never read.</summary>
    public long NeverRead => BytesWritten - PeerRead;

    /// <summary>The errors of the failed writes in order, e.g. "Shutdown 32, Shutdown 32".</summary>
    public string ErrnoSequence => string.Join(", ", Steps.Select(s => s.Succeeded ? $"{s.Call.Split(' ')[0]} ok" : $"{s.Error} {s.NativeErrorCode}"));
}
