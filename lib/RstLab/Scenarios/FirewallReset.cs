using System.Net;
using System.Net.Sockets;
using System.Text;
using RstLab.Capture;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>A firewall answers for the server: nftables <c>reject with tcp reset</c> in a router namespace between a client and a server namespace, first on a SYN, then mid-stream. Captured on the client's side, for the diagnosis corpus.</summary>
/// <remarks>Needs root and <c>nft</c>. With <c>RSTLAB_RECORD</c> set to a folder, the capture is saved there as <c>firewall-reject.pcap</c> (<c>data/diagnose</c> keeps it). The rules live in the router's own namespace and die with it; every namespace is removed even when a step throws.</remarks>
public static class FirewallReset
{
    /// <summary>The client, in 10.77.0.64/26.</summary>
    public static IPAddress ClientAddress { get; } = IPAddress.Parse("10.77.0.65");

    /// <summary>The server, in 10.77.0.128/26, one hop behind the router.</summary>
    public static IPAddress ServerAddress { get; } = IPAddress.Parse("10.77.0.130");

    /// <summary>The port the connection that is reset mid-stream uses.</summary>
    public const int Port = 8000;

    /// <summary>The port whose SYNs the firewall rejects (a listener is there: the firewall, not the server, refuses).</summary>
    public const int BlockedPort = 8001;

    /// <summary>Runs the experiment and returns what the client's side of the cable saw, and what the client's calls returned.</summary>
    /// <exception cref="NamespaceUnavailableException">Namespaces or nft are not available here; the message says why.</exception>
    public static (IReadOnlyList<Frame> Frames, SocketError Refused, SocketError Reset) Run()
    {
        using var client = NetworkNamespace.Create();
        using var router = NetworkNamespace.Create();
        using var server = NetworkNamespace.Create();
        var (c, r, s) = (client.Name, router.Name, server.Name);
        NetworkNamespace.Ip($"-n {c} link add v0 type veth peer name r0 netns {r}");
        NetworkNamespace.Ip($"-n {r} link add r1 type veth peer name v1 netns {s}");
        NetworkNamespace.Ip($"-n {c} addr add {ClientAddress}/26 dev v0");
        NetworkNamespace.Ip($"-n {r} addr add 10.77.0.126/26 dev r0");
        NetworkNamespace.Ip($"-n {r} addr add 10.77.0.129/26 dev r1");
        NetworkNamespace.Ip($"-n {s} addr add {ServerAddress}/26 dev v1");
        foreach (var (ns, dev) in new[] { (c, "v0"), (r, "r0"), (r, "r1"), (s, "v1") })
            NetworkNamespace.Ip($"-n {ns} link set {dev} up");
        NetworkNamespace.Ip($"-n {c} route add default via 10.77.0.126");
        NetworkNamespace.Ip($"-n {s} route add default via 10.77.0.129");
        router.Sysctl("net.ipv4.ip_forward", "1");
        Nft(r, "add table inet lab");
        Nft(r, "add chain inet lab forward { type filter hook forward priority 0 ; }");

        using var wire = WireCapture.Start("firewall-reject", "v0", begin => client.Run(begin), Port, BlockedPort);
        if (!wire.IsLive)
            throw new NamespaceUnavailableException($"No live capture in the client's namespace: {wire.Unavailable}");
        using var serverHost = new LabHost("server", ServerAddress, server);
        using var clientHost = new LabHost("client", ClientAddress, client);
        var listener = serverHost.Listen(Port);
        serverHost.Listen(BlockedPort);

        // A normal exchange first: the client learns the TTL the server's segments arrive with (one hop: 63).
        var connection = clientHost.Connect(ServerAddress, Port);
        var accepted = serverHost.Accept(listener);
        connection.Send("hello"u8);
        var buffer = new byte[64];
        accepted.Receive(buffer);
        accepted.Send("hi"u8);
        connection.Receive(buffer);

        Nft(r, $"add rule inet lab forward tcp dport {BlockedPort} reject with tcp reset");
        var refused = Outcome(() => clientHost.Connect(ServerAddress, BlockedPort));

        Nft(r, $"add rule inet lab forward tcp dport {Port} reject with tcp reset");
        connection.Send(Encoding.ASCII.GetBytes("more"));
        var reset = Outcome(() => connection.Receive(buffer));
        Thread.Sleep(200);
        wire.Dispose();
        return (wire.Frames, refused, reset);
    }

    static SocketError Outcome(Action call)
    {
        try
        {
            call();
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    static void Nft(string ns, string command) => NetworkNamespace.Ip($"netns exec {ns} nft {command}");
}
