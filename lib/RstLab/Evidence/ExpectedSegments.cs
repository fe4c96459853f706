using RstLab.Packets;

namespace RstLab.Evidence;

/// <summary>A whole exchange, segment by segment, as packetdrill scripts it: the table must hold exactly these rows, in this order.</summary>
/// <param name="Segments">The expected rows, in capture order.</param>
public sealed record ExpectedSegments(IReadOnlyList<ExpectedSegment> Segments) : IExpectation<IEnumerable<PacketRow>>
{
    /// <summary>True when there are as many rows as expected segments and each row matches its own.</summary>
    public bool IsMetBy(IEnumerable<PacketRow> observed) => InOrder.Matches(Segments, observed);

    /// <summary>The rows, one per line, each written like the expectation in its position.</summary>
    public string Show(IEnumerable<PacketRow> observed)
    {
        var rows = Guard.NotNull(observed).ToList();
        if (rows.Count == 0)
            return "no segment";
        return string.Join("\n", rows.Select((r, i) => i < Segments.Count ? Segments[i].Show(r) : Segments[^1].Show(r)));
    }

    /// <summary>The expected rows, one per line.</summary>
    public override string ToString() => string.Join("\n", Segments);
}
