using RstLab.Capture;
using RstLab.Packets;

namespace RstLab.Cli.Recording;

/// <summary>The flags of each connection in a capture, in order, as tcpdump prints them (<c>S S. . P. R.</c>): what a recording shows a learner.</summary>
public static class ConnectionFlags
{
    /// <summary>Each connection's flags, by connection number (1-based, in order of first appearance), and the capture's packet count.</summary>
    public static (IReadOnlyList<string> Connections, int Packets) Of(string pcap)
    {
        var frames = PcapFile.Read(pcap);
        var table = new PacketTable(TcpSegment.From(frames));
        var connections = Enumerable.Range(1, table.ConnectionCount).Select(c => string.Join(" ", table.Connection(c).Select(r => r.Flags.ToText()))).ToList();
        return (connections, frames.Count);
    }

    /// <summary>The flags without bare ACKs, which may go alone or ride on the next segment as the delayed-ACK timer falls.</summary>
    public static string WithoutBareAcks(string flags) => string.Join(" ", flags.Split(' ').Where(f => f != "."));
}
