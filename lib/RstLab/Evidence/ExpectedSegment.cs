using RstLab.Packets;

namespace RstLab.Evidence;

/// <summary>One expected segment, as a packet table row shows it: who sent it, its flags, relative seq/ack and length; null fields match anything.</summary>
/// <param name="FromClient">True: client → server; false: server → client; null: either.</param>
/// <param name="Flags">The flags exactly (FIN, SYN, RST, PSH, ACK); null: any.</param>
/// <remarks>Also carries absolute numbers (<see cref="Sequence"/>, <see cref="Acknowledgment"/>) for rules such as RFC 9293's reset rule (<see cref="RstLab.Packets.ResetRule"/>).</remarks>
public sealed record ExpectedSegment(bool? FromClient, TcpFlags? Flags) : IExpectation<PacketRow>
{
    const TcpFlags Compared = TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Ack;

    /// <summary>Relative seq, as the table's seq column shows it; null: any.</summary>
    public long? Seq { get; init; }

    /// <summary>Relative ack, as the table's ack column shows it; null: any.</summary>
    public long? Ack { get; init; }

    /// <summary>Payload bytes; null: any.</summary>
    public int? Length { get; init; }

    /// <summary>Absolute sequence number on the wire; null: any.</summary>
    public uint? Sequence { get; init; }

    /// <summary>Absolute acknowledgment number on the wire; null: any.</summary>
    public uint? Acknowledgment { get; init; }

    /// <summary>Why these numbers (e.g. the reset rule in words); empty when the expectation needs no reason.</summary>
    public string Why { get; init; } = "";

    /// <summary>True when the row's direction, flags and numbers match every field that is set.</summary>
    public bool IsMetBy(PacketRow observed)
    {
        Guard.NotNull(observed);
        return (FromClient is null || observed.FromClient == FromClient)
            && IsMetBy(observed.Segment)
            && (Seq is null || observed.Seq == Seq)
            && (Ack is null || observed.Ack == Ack)
            && (Length is null || observed.Length == Length);
    }

    /// <summary>True when a segment's flags and absolute numbers match (direction and relative numbers need a table row).</summary>
    public bool IsMetBy(TcpSegment segment)
    {
        Guard.NotNull(segment);
        return (Flags is null || (segment.Flags & Compared) == (Flags & Compared))
            && (Sequence is null || segment.Sequence == Sequence)
            && (Acknowledgment is null || segment.Acknowledgment == Acknowledgment);
    }

    /// <summary>The row written like this expectation: <c>server → client [R.] seq 0 ack 1 len 0</c>.</summary>
    public string Show(PacketRow observed)
    {
        Guard.NotNull(observed);
        return Line(observed.FromClient, observed.Flags, observed.Seq, observed.Ack ?? -1, observed.Length,
            observed.Segment.Sequence, observed.Segment.Acknowledgment);
    }

    /// <summary>The expectation as a table row reads, fields that match anything left out: <c>server → client [R.] seq 0 ack 1</c>; absolute numbers as the rule writes them, <c>[R] seq 777</c>.</summary>
    public override string ToString() => Line(FromClient, Flags, Seq, Ack, Length, Sequence, Acknowledgment);

    string Line(bool? fromClient, TcpFlags? flags, long? seq, long? ack, int? length, uint? sequence, uint? acknowledgment)
    {
        var parts = new List<string>();
        if (FromClient is not null) parts.Add(fromClient == true ? "client → server" : "server → client");
        parts.Add($"[{flags?.ToText() ?? "*"}]");
        if (Seq is not null) parts.Add($"seq {seq}");
        if (Ack is not null) parts.Add(ack is -1 ? "no ack" : $"ack {ack}");
        if (Length is not null) parts.Add($"len {length}");
        var absolute = new List<string>();
        if (Sequence is not null) absolute.Add($"seq {sequence}");
        if (Acknowledgment is not null) absolute.Add($"ack {acknowledgment}");
        var line = string.Join(" ", parts);
        return absolute.Count == 0 ? line : $"{line} {string.Join(", ", absolute)}";
    }
}
