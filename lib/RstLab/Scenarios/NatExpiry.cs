using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Diagnosis;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>A NAT forgets an idle connection: the router masquerades the client, its conntrack entry expires while the connection is idle, and with <c>nf_conntrack_tcp_loose = 0</c> the client's next segment reaches the server un-translated and draws the server's stateless reset.</summary>
/// <remarks>Needs root and <c>nft</c>; takes a little over <see cref="ResetDiagnoser.IdleGapSeconds"/> seconds (the idle gap). With <c>RSTLAB_RECORD</c> set to a folder the capture is saved there as <c>diagnose/nat-expiry.pcap</c>.</remarks>
public static class NatExpiry
{
    /// <summary>The recording this experiment makes and falls back to: <c>data/diagnose/nat-expiry.pcap</c>, part of the diagnosis corpus.</summary>
    public const string Recording = "diagnose/nat-expiry";

    /// <summary>The server's port.</summary>
    public const int Port = 8000;

    /// <summary>The router's conntrack timeout for established connections in this experiment (seconds; Linux's default is 5 days).</summary>
    public const int EntryTimeout = 5;

    /// <summary>Runs the experiment and returns what the client's side of the cable saw and what the client's read after the idle gap returned.</summary>
    /// <exception cref="NamespaceUnavailableException">Namespaces or nft are not available here; the message says why.</exception>
    public static (IReadOnlyList<Frame> Frames, SocketError AfterIdle) Run()
    {
        var (wire, afterIdle) = Make();
        return (wire.Frames, afterIdle);
    }

    /// <summary>Runs the experiment and returns its capture; where namespaces or nft are not available, the recording <see cref="Recording"/> with a sentence saying why.</summary>
    public static WireCapture Capture() => ScenarioCapture.LiveOrRecorded(Recording, () => Make().Wire);

    static (WireCapture Wire, SocketError AfterIdle) Make()
    {
        using var hosts = RoutedHosts.Create();
        hosts.Nft("add table ip lab");
        hosts.Nft("add chain ip lab postrouting { type nat hook postrouting priority 100 ; }");
        hosts.Nft("add rule ip lab postrouting oifname r1 masquerade");
        // Strict tracking: an entry that expired is not picked up again from a mid-stream segment (the default, 1, would).
        hosts.Router.Sysctl("net.netfilter.nf_conntrack_tcp_loose", "0");
        hosts.Router.Sysctl("net.netfilter.nf_conntrack_tcp_timeout_established", EntryTimeout.ToString());

        using var wire = WireCapture.Start(Recording, RoutedHosts.ClientDevice, begin => hosts.Client.Run(begin), Port);
        if (!wire.IsLive)
            throw new NamespaceUnavailableException($"No live capture in the client's namespace: {wire.Unavailable}");
        using var serverHost = new LabHost("server", RoutedHosts.ServerAddress, hosts.Server);
        using var clientHost = new LabHost("client", RoutedHosts.ClientAddress, hosts.Client);
        var listener = serverHost.Listen(Port);
        var (connection, _) = Exchange.RequestResponse(clientHost, serverHost, listener, RoutedHosts.ServerAddress, Port);

        // Idle for longer than both the entry's timeout and what the diagnosis calls a long gap.
        Thread.Sleep(TimeSpan.FromSeconds(ResetDiagnoser.IdleGapSeconds + 1));
        connection.Send("again"u8);
        var afterIdle = SocketOutcome.Of("recv", () => connection.Receive(new byte[64])).Error;
        Thread.Sleep(200);
        wire.Dispose();
        return (wire, afterIdle);
    }
}
