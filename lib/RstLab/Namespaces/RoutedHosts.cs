using System.Net;

namespace RstLab.Namespaces;

/// <summary>Three hosts in a row: a client, a router, a server, each its own network namespace, the router forwarding between two /26 networks inside 10.77.0.0/24.</summary>
/// <remarks>Needs root. Firewall and NAT rules set with <see cref="Nft"/> live in the router's namespace and die with it.</remarks>
public sealed class RoutedHosts : IDisposable
{
    /// <summary>The client, in 10.77.0.64/26.</summary>
    public static IPAddress ClientAddress { get; } = IPAddress.Parse("10.77.0.65");

    /// <summary>The router's address on the client's side: the client's gateway, and the public address a NAT (DNAT) serves on.</summary>
    public static IPAddress RouterClientSide { get; } = IPAddress.Parse("10.77.0.126");

    /// <summary>The router's address on the server's side (what the server sees behind a NAT).</summary>
    public static IPAddress RouterServerSide { get; } = IPAddress.Parse("10.77.0.129");

    /// <summary>The server, in 10.77.0.128/26, one hop behind the router.</summary>
    public static IPAddress ServerAddress { get; } = IPAddress.Parse("10.77.0.130");

    /// <summary>The client's device, where its side of the cable is captured.</summary>
    public const string ClientDevice = "v0";

    readonly List<NetworkNamespace> _all = [];

    RoutedHosts() { }

    /// <summary>The client host.</summary>
    public NetworkNamespace Client => _all[0];

    /// <summary>The router.</summary>
    public NetworkNamespace Router => _all[1];

    /// <summary>The server host.</summary>
    public NetworkNamespace Server => _all[2];

    /// <summary>Creates the three hosts, the two cables and the routes.</summary>
    /// <exception cref="NamespaceUnavailableException">Namespaces cannot be created here; the message says why.</exception>
    public static RoutedHosts Create()
    {
        var hosts = new RoutedHosts();
        try
        {
            for (var i = 0; i < 3; i++)
                hosts._all.Add(NetworkNamespace.Create());
            var (c, r, s) = (hosts.Client.Name, hosts.Router.Name, hosts.Server.Name);
            NetworkNamespace.Ip($"-n {c} link add {ClientDevice} type veth peer name r0 netns {r}");
            NetworkNamespace.Ip($"-n {r} link add r1 type veth peer name v1 netns {s}");
            NetworkNamespace.Ip($"-n {c} addr add {ClientAddress}/26 dev {ClientDevice}");
            NetworkNamespace.Ip($"-n {r} addr add 10.77.0.126/26 dev r0");
            NetworkNamespace.Ip($"-n {r} addr add {RouterServerSide}/26 dev r1");
            NetworkNamespace.Ip($"-n {s} addr add {ServerAddress}/26 dev v1");
            foreach (var (ns, dev) in new[] { (c, ClientDevice), (r, "r0"), (r, "r1"), (s, "v1") })
                NetworkNamespace.Ip($"-n {ns} link set {dev} up");
            NetworkNamespace.Ip($"-n {c} route add default via 10.77.0.126");
            NetworkNamespace.Ip($"-n {s} route add default via {RouterServerSide}");
            hosts.Router.Sysctl("net.ipv4.ip_forward", "1");
            return hosts;
        }
        catch
        {
            hosts.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>nft COMMAND</c> in the router's namespace.</summary>
    public void Nft(string command) => Router.Nft(command);

    /// <summary>Removes the three hosts (and with them every rule and connection-tracking entry of the router).</summary>
    public void Dispose()
    {
        foreach (var ns in _all)
            ns.Dispose();
        _all.Clear();
    }
}
