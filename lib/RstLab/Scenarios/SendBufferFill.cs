using RstLab.Kernel;

namespace RstLab.Scenarios;

/// <summary>One measurement: how many bytes non-blocking writes got accepted on a connection whose peer never reads, until the kernel refused more (the point where a blocking <c>write()</c> would block).</summary>
/// <param name="Chunk">Bytes offered per write call (the article's 5000).</param>
/// <param name="RequestedSend">The client's <c>SO_SNDBUF</c> request, or null for none (autotuning).</param>
/// <param name="RequestedReceive">The server's <c>SO_RCVBUF</c> request, or null for none.</param>
/// <param name="EffectiveSend">The client's <c>SO_SNDBUF</c> read back after connecting, before any write.</param>
/// <param name="EffectiveSendAfter">The client's <c>SO_SNDBUF</c> read back at the plateau (autotuning may have grown it).</param>
/// <param name="EffectiveReceive">The server's <c>SO_RCVBUF</c> read back at the plateau.</param>
/// <param name="Cumulative">Bytes accepted so far after each successful write call, in order.</param>
/// <param name="Calls">Bytes accepted so far after every write call, including those that accepted nothing (EAGAIN: a blocking write would have blocked there).</param>
/// <param name="Client">The client's row in the kernel's socket table at the plateau (Send-Q: written, not yet acknowledged).</param>
/// <param name="Server">The server's row at the plateau (Recv-Q: received by its kernel, never read).</param>
/// <param name="Elapsed">How long the writes took, including the quiet period that ends them.</param>
public sealed record SendBufferFill(
    int Chunk,
    int? RequestedSend,
    int? RequestedReceive,
    int EffectiveSend,
    int EffectiveSendAfter,
    int EffectiveReceive,
    IReadOnlyList<long> Cumulative,
    IReadOnlyList<long> Calls,
    SocketEntry? Client,
    SocketEntry? Server,
    TimeSpan Elapsed)
{
    /// <summary>Bytes all write calls accepted.</summary>
    public long Accepted => Cumulative.Count == 0 ? 0 : Cumulative[^1];

    /// <summary>Successful write calls.</summary>
    public int Writes => Cumulative.Count;

    /// <summary>Write calls that accepted nothing (EAGAIN) because the buffers were full.</summary>
    public int WouldBlock => Calls.Count - Cumulative.Count;

    /// <summary>The client's Send-Q at the plateau (0 when the socket table had no row).</summary>
    public long SendQueue => Client?.SendQueue ?? 0;

    /// <summary>The server's Recv-Q at the plateau (0 when the socket table had no row).</summary>
    public long ReceiveQueue => Server?.ReceiveQueue ?? 0;

    /// <summary>A short label, e.g. "SO_SNDBUF 65536 → 131072, SO_RCVBUF default → 131072".</summary>
    public string Label =>
        $"SO_SNDBUF {(RequestedSend is int s ? $"{s} → {EffectiveSend}" : $"unset ({EffectiveSend} → {EffectiveSendAfter})")}, " +
        $"SO_RCVBUF {(RequestedReceive is int r ? $"{r} → {EffectiveReceive}" : $"unset ({EffectiveReceive})")}";

    /// <summary>One line: the label, bytes accepted in how many writes, and the queues.</summary>
    public override string ToString() =>
        $"{Label}: {Accepted} bytes in {Writes} writes of {Chunk}; Send-Q {SendQueue}, Recv-Q {ReceiveQueue}";
}
