using RstLab.Packets;

namespace RstLab.Evidence;

/// <summary>No segment at all (no RST, nothing left unacknowledged); the ones that are there are printed.</summary>
public sealed record ExpectedNone : IExpectation<IEnumerable<PacketRow>>
{
    /// <summary>True when there is no row.</summary>
    public bool IsMetBy(IEnumerable<PacketRow> observed) => !Guard.NotNull(observed).Any();

    /// <summary>The rows there are, one per line, or <c>none</c>.</summary>
    public string Show(IEnumerable<PacketRow> observed)
    {
        var rows = Guard.NotNull(observed).ToList();
        return rows.Count == 0 ? "none" : string.Join("\n", rows.Select(r => $"#{r.Number} {r.Direction} [{r.Flags.ToText()}] seq {r.Seq} ack {r.Ack} len {r.Length}"));
    }

    /// <summary><c>none</c>.</summary>
    public override string ToString() => "none";
}
