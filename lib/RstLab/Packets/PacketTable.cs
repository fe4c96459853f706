using System.Net;
using RstLab.Tracing;

namespace RstLab.Packets;

/// <summary>A capture as a learner reads it: rows with relative numbers and notes, plus where it came from.</summary>
public sealed class PacketTable
{
    /// <summary>Builds the table; a connection's client is whoever sent its first bare SYN (else <paramref name="serverPort"/>'s peer, else the first sender);
    /// each reset row gets the kernel's traced reason from <paramref name="resets"/> (matched by four-tuple and time).</summary>
    public PacketTable(IReadOnlyList<TcpSegment> segments, string origin = "", int? serverPort = null, IReadOnlyList<ResetEvent>? resets = null)
    {
        Guard.NotNull(segments);
        Guard.NotNull(origin);
        if (serverPort is int port)
            Guard.Port(port, nameof(serverPort));
        Segments = segments;
        Origin = origin;
        Resets = resets ?? [];
        Rows = WithReasons(BuildRows(segments, serverPort), Resets);
    }

    PacketTable(IReadOnlyList<TcpSegment> segments, IReadOnlyList<PacketRow> rows, string origin, IReadOnlyList<ResetEvent> resets)
    {
        Segments = segments;
        Rows = rows;
        Origin = origin;
        Resets = resets;
    }

    /// <summary>The rows that meet <paramref name="keep"/>, numbered, timed and with relative numbers as in the whole capture (e.g. a long upload's data segments left out).</summary>
    public PacketTable Only(Func<PacketRow, bool> keep)
    {
        Guard.NotNull(keep);
        var rows = Rows.Where(keep).ToList();
        return new PacketTable(rows.Select(r => r.Segment).ToList(), rows, Origin, Resets);
    }

    /// <summary>The resets the kernel traced during the capture (sent and received); empty when not traced.</summary>
    public IReadOnlyList<ResetEvent> Resets { get; }

    /// <summary>How far apart a captured reset and its trace event may be: both are stamped within microseconds on loopback;
    /// a second allows for the two clocks' conversion while staying far below the reuse of a four-tuple.</summary>
    static readonly TimeSpan MatchWindow = TimeSpan.FromSeconds(1);

    // Each sent event goes to the captured reset with its four-tuple nearest in time; a capture holds each reset once (lo's
    // arriving copy), so an event is used once. A reset sent for a listener (the accept-queue overflow) is traced with the
    // listener's own addresses, whose peer is 0.0.0.0:0: it matches on its source alone.
    static IReadOnlyList<PacketRow> WithReasons(IReadOnlyList<PacketRow> rows, IReadOnlyList<ResetEvent> resets)
    {
        var sent = resets.Where(e => e.Direction == ResetDirection.Sent).ToList();
        if (sent.Count == 0)
            return rows;
        var used = new HashSet<ResetEvent>(ReferenceEqualityComparer.Instance);
        return rows.Select(row =>
        {
            if (!row.IsRst)
                return row;
            var match = sent.Where(e => !used.Contains(e) && e.Source.Equals(row.Segment.Source) && (e.Destination.Equals(row.Segment.Destination) || e.Destination.Port == 0)
                    && (e.Time - row.Segment.Time).Duration() <= MatchWindow)
                .MinBy(e => (e.Time - row.Segment.Time).Duration());
            if (match is null)
                return row;
            used.Add(match);
            return row with { Kernel = match };
        }).ToList();
    }

    /// <summary>The segments in capture order, with absolute numbers.</summary>
    public IReadOnlyList<TcpSegment> Segments { get; }

    /// <summary>The rows in capture order.</summary>
    public IReadOnlyList<PacketRow> Rows { get; }

    /// <summary>One sentence on where these packets come from (live capture or a recording, and why).</summary>
    public string Origin { get; }

    /// <summary>The reset rows.</summary>
    public IEnumerable<PacketRow> Rsts => Rows.Where(r => r.IsRst);

    /// <summary>Every row's flags as tcpdump writes them, in order: <c>S S. . P. . F. . F. .</c>.</summary>
    public string FlagsText => string.Join(" ", Rows.Select(r => r.Flags.ToText()));

    /// <summary>Rows that use sequence space (SYN, FIN, data) which no later segment of the peer acknowledges exactly (ack = seq + that space).</summary>
    public IReadOnlyList<PacketRow> Unacknowledged() => Rows
        .Where(r => r.Segment.SequenceLength > 0 && !r.IsRst)
        .Where(r => !Rows.Any(x => x.Connection == r.Connection && x.FromClient != r.FromClient && x.Number > r.Number
            && x.Segment.Flags.HasFlag(TcpFlags.Ack) && x.Segment.Acknowledgment == unchecked(r.Segment.Sequence + r.Segment.SequenceLength)))
        .ToList();

    /// <summary>The segment <paramref name="row"/> answers: the last one its peer sent before it on the same connection, or null.</summary>
    public PacketRow? Answered(PacketRow row)
    {
        Guard.NotNull(row);
        return Rows.LastOrDefault(r => r.Connection == row.Connection && r.FromClient != row.FromClient && r.Number < row.Number);
    }

    /// <summary>Number of distinct connections (four-tuples) in the table.</summary>
    public int ConnectionCount => Rows.Count == 0 ? 0 : Rows.Max(r => r.Connection);

    /// <summary>The rows of one connection.</summary>
    public IEnumerable<PacketRow> Connection(int number)
    {
        Guard.InRange(number, 1, int.MaxValue, "Connections are numbered from 1, as in the table's conn column.");
        return Rows.Where(r => r.Connection == number);
    }

    static IReadOnlyList<PacketRow> BuildRows(IReadOnlyList<TcpSegment> segments, int? serverPort)
    {
        var conversations = new Dictionary<(IPEndPoint, IPEndPoint), Conversation>();
        var rows = new List<PacketRow>(segments.Count);
        var count = 0;
        var start = segments.Count == 0 ? default : segments[0].Time;
        var previous = start;
        foreach (var segment in segments)
        {
            var key = Key(segment);
            var isBareSyn = segment.Flags.HasFlag(TcpFlags.Syn) && !segment.Flags.HasFlag(TcpFlags.Ack);
            // A new SYN on a four-tuple that was reset is a new connection (the kernel reuses ephemeral ports).
            if (!conversations.TryGetValue(key, out var conversation) || (isBareSyn && conversation.WasReset))
            {
                var client = ChooseClient(segment, segments, serverPort);
                conversation = new Conversation(++count, client);
                conversations[key] = conversation;
            }
            var fromClient = segment.Source.Equals(conversation.Client);
            var note = Notes.Explain(segment, fromClient, conversation);
            var own = conversation.Base(fromClient, segment.Sequence);
            var peer = conversation.PeerBase(fromClient);
            long? ack = segment.Flags.HasFlag(TcpFlags.Ack)
                ? (peer is uint p ? unchecked(segment.Acknowledgment - p) : segment.Acknowledgment)
                : null;
            rows.Add(new PacketRow(
                rows.Count + 1,
                (segment.Time - start).TotalSeconds,
                (segment.Time - previous).TotalSeconds,
                conversation.Number,
                fromClient,
                segment.Flags,
                unchecked(segment.Sequence - own),
                ack,
                segment.Window,
                segment.PayloadLength,
                note,
                segment));
            conversation.Record(segment, fromClient);
            previous = segment.Time;
        }
        return rows;
    }

    static (IPEndPoint, IPEndPoint) Key(TcpSegment s)
    {
        var a = s.Source.ToString();
        var b = s.Destination.ToString();
        return string.CompareOrdinal(a, b) <= 0 ? (s.Source, s.Destination) : (s.Destination, s.Source);
    }

    static IPEndPoint ChooseClient(TcpSegment first, IReadOnlyList<TcpSegment> all, int? serverPort)
    {
        var key = Key(first);
        if (first.Flags.HasFlag(TcpFlags.Syn) && !first.Flags.HasFlag(TcpFlags.Ack))
            return first.Source;
        var syn = all.FirstOrDefault(s => s.Flags.HasFlag(TcpFlags.Syn) && !s.Flags.HasFlag(TcpFlags.Ack) && Key(s).Equals(key));
        if (syn is not null)
            return syn.Source;
        if (serverPort is int port)
            return first.Source.Port == port ? first.Destination : first.Source;
        return first.Source;
    }
}

/// <summary>What the table knows of one connection while walking the capture.</summary>
internal sealed class Conversation(int number, IPEndPoint client)
{
    public int Number { get; } = number;
    public IPEndPoint Client { get; } = client;
    uint? _clientBase, _serverBase;
    public TcpSegment? LastFromClient { get; private set; }
    public TcpSegment? LastFromServer { get; private set; }

    public uint Base(bool fromClient, uint sequence) =>
        fromClient ? _clientBase ??= sequence : _serverBase ??= sequence;

    public uint? PeerBase(bool fromClient) => fromClient ? _serverBase : _clientBase;

    /// <summary>The next sequence number a side would send, from what it has sent so far.</summary>
    public uint? NextSequence(bool fromClient)
    {
        var last = fromClient ? LastFromClient : LastFromServer;
        return last is null ? null : unchecked(last.Sequence + last.SequenceLength);
    }

    public TcpSegment? LastFrom(bool fromClient) => fromClient ? LastFromClient : LastFromServer;

    public bool WasReset { get; private set; }

    public void Record(TcpSegment segment, bool fromClient)
    {
        WasReset |= segment.IsRst;
        if (fromClient) LastFromClient = segment; else LastFromServer = segment;
    }
}
