using RstLab.Packets;

namespace RstLab.Scenarios;

/// <summary>Where the bytes of a closed-peer run went: accepted by the client's write calls, acknowledged by the peer's kernel, read by the peer application.</summary>
/// <param name="Experiment">Which run, in words.</param>
/// <param name="Written">Bytes the client's write calls accepted (what the application "sent").</param>
/// <param name="AcknowledgedByPeerKernel">Bytes the peer's kernel acknowledged, from the live capture's highest ACK; null when the packets are not live.</param>
/// <param name="ReadByPeer">Bytes the peer application read.</param>
public sealed record ClosedPeerDelivery(string Experiment, long Written, long? AcknowledgedByPeerKernel, long ReadByPeer)
{
    /// <summary>Bytes written that the peer application never read: lost when the connection was reset.</summary>
    public long NeverRead => Written - ReadByPeer;

    /// <summary>The delivery account of a finished experiment: the bytes its client's <c>Send</c> calls accepted, and <paramref name="readByPeer"/> bytes read by the server application.</summary>
    public static ClosedPeerDelivery Of(string experiment, Experiment run, long readByPeer)
    {
        Guard.NotBlank(experiment);
        Guard.NotNull(run);
        var written = run.Client.Where(c => c.Succeeded && c.Call.Contains(".Send(", StringComparison.Ordinal)).Sum(c => c.Value);
        if (readByPeer < 0 || readByPeer > written)
            throw Guard.Fail(nameof(readByPeer), $"readByPeer must be 0–{written}; got {readByPeer}. The peer can read at most what the client's calls wrote.");
        return new ClosedPeerDelivery(experiment, written, run.Wire.IsLive ? Acknowledged(run.Wire.Packets) : null, readByPeer);
    }

    /// <summary>Bytes of client data the server side acknowledged in <paramref name="packets"/> (its highest relative ACK minus the SYN's one).</summary>
    public static long Acknowledged(PacketTable packets)
    {
        Guard.NotNull(packets);
        var acks = packets.Rows.Where(r => !r.FromClient && r.Ack is not null).Select(r => r.Ack!.Value).ToList();
        return acks.Count == 0 ? 0 : Math.Max(0, acks.Max() - 1);
    }

    /// <summary>One line: written, acknowledged, read, never read.</summary>
    public override string ToString() =>
        $"{Experiment}: written {Written}, acknowledged by the peer's kernel {AcknowledgedByPeerKernel?.ToString() ?? "(not captured live)"}, read by the peer {ReadByPeer}, never read {NeverRead}";
}
