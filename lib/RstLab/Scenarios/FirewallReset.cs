using System.Net.Sockets;
using System.Text;
using RstLab.Capture;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>A firewall answers for the server: nftables <c>reject with tcp reset</c> in a router namespace between a client and a server namespace, first on a SYN, then mid-stream. Captured on the client's side, for the diagnosis corpus.</summary>
/// <remarks>Needs root and <c>nft</c>. With <c>RSTLAB_RECORD</c> set to a folder, the capture is saved there as <c>diagnose/firewall-reject.pcap</c> (<c>data/diagnose</c> keeps it). The rules live in the router's own namespace and die with it; every namespace is removed even when a step throws.</remarks>
public static class FirewallReset
{
    /// <summary>The recording this experiment makes and falls back to: <c>data/diagnose/firewall-reject.pcap</c>, part of the diagnosis corpus.</summary>
    public const string Recording = "diagnose/firewall-reject";

    /// <summary>The port the connection that is reset mid-stream uses.</summary>
    public const int Port = 8000;

    /// <summary>The port whose SYNs the firewall rejects (a listener is there: the firewall, not the server, refuses).</summary>
    public const int BlockedPort = 8001;

    /// <summary>Runs the experiment and returns what the client's side of the cable saw, and what the client's calls returned.</summary>
    /// <exception cref="NamespaceUnavailableException">Namespaces or nft are not available here; the message says why.</exception>
    public static (IReadOnlyList<Frame> Frames, SocketError Refused, SocketError Reset) Run()
    {
        var (wire, refused, reset) = Make();
        return (wire.Frames, refused, reset);
    }

    /// <summary>Runs the experiment and returns its capture; where namespaces or nft are not available, the recording <see cref="Recording"/> with a sentence saying why.</summary>
    public static WireCapture Capture() => ScenarioCapture.LiveOrRecorded(Recording, () => Make().Wire);

    static (WireCapture Wire, SocketError Refused, SocketError Reset) Make()
    {
        using var hosts = RoutedHosts.Create();
        hosts.Nft("add table inet lab");
        hosts.Nft("add chain inet lab forward { type filter hook forward priority 0 ; }");

        using var wire = WireCapture.Start(Recording, RoutedHosts.ClientDevice, begin => hosts.Client.Run(begin), Port, BlockedPort);
        if (!wire.IsLive)
            throw new NamespaceUnavailableException($"No live capture in the client's namespace: {wire.Unavailable}");
        using var serverHost = new LabHost("server", RoutedHosts.ServerAddress, hosts.Server);
        using var clientHost = new LabHost("client", RoutedHosts.ClientAddress, hosts.Client);
        var listener = serverHost.Listen(Port);
        serverHost.Listen(BlockedPort);

        // A normal exchange first: the client learns the TTL the server's segments arrive with (one hop: 63).
        var (connection, _) = Exchange.RequestResponse(clientHost, serverHost, listener, RoutedHosts.ServerAddress, Port);

        hosts.Nft($"add rule inet lab forward tcp dport {BlockedPort} reject with tcp reset");
        var refused = SocketOutcome.Of("connect", () => { clientHost.Connect(RoutedHosts.ServerAddress, BlockedPort); return 0; }).Error;

        hosts.Nft($"add rule inet lab forward tcp dport {Port} reject with tcp reset");
        connection.Send(Encoding.ASCII.GetBytes("more"));
        var reset = SocketOutcome.Of("recv", () => connection.Receive(new byte[64])).Error;
        Thread.Sleep(200);
        wire.Dispose();
        return (wire, refused, reset);
    }
}
