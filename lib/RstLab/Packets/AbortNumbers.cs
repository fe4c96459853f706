namespace RstLab.Packets;

/// <summary>An abort's RST next to the sender's state it came from: snd.nxt and rcv.nxt, worked out from the segments before it (relative numbers).</summary>
/// <param name="Title">Which close this was, e.g. <c>SO_LINGER {on, 0}</c>.</param>
/// <param name="Rst">The reset row.</param>
/// <param name="SendNext">The RST sender's snd.nxt: where the last segment it sent before the RST ended.</param>
/// <param name="ReceiveNext">The RST sender's rcv.nxt: where the last segment its peer sent before the RST ended.</param>
public sealed record AbortNumbers(string Title, PacketRow Rst, long SendNext, long ReceiveNext)
{
    /// <summary>True when the RST's seq is the sender's snd.nxt.</summary>
    public bool SeqIsSendNext => Rst.Seq == SendNext;

    /// <summary>True when the RST carries an ACK and it is the sender's rcv.nxt.</summary>
    public bool AckIsReceiveNext => Rst.Ack == ReceiveNext;

    /// <summary>The first RST in <paramref name="packets"/>, with its sender's snd.nxt and rcv.nxt from the same connection's earlier segments.</summary>
    /// <exception cref="InvalidOperationException">There is no RST, or its sender or the peer sent nothing before it (then it is no abort of an established connection).</exception>
    public static AbortNumbers Of(string title, PacketTable packets)
    {
        Guard.NotBlank(title);
        Guard.NotNull(packets);
        var rst = packets.Rsts.FirstOrDefault()
            ?? throw new InvalidOperationException($"{title}: the capture has no RST. {packets.Origin}");
        var earlier = packets.Connection(rst.Connection).Where(r => r.Number < rst.Number).ToList();
        var own = earlier.Where(r => r.FromClient == rst.FromClient).ToList();
        var peer = earlier.Where(r => r.FromClient != rst.FromClient).ToList();
        if (own.Count == 0 || peer.Count == 0)
            throw new InvalidOperationException($"{title}: both sides must have sent segments before the RST (row {rst.Number}) for it to abort an established connection.");
        return new AbortNumbers(title, rst, own.Max(End), peer.Max(End));
    }

    static long End(PacketRow row) => row.Seq + row.Segment.SequenceLength;
}
