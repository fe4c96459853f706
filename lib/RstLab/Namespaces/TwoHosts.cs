using System.Net;
using RstLab.Capture;

namespace RstLab.Namespaces;

/// <summary>Two "hosts" the lab creates: a client namespace and a server namespace joined by a veth cable, with addresses (10.77.0.1, 10.77.0.2) that exist only inside them; the server host can crash and reboot.</summary>
/// <remarks>
/// The client's end of the cable hangs on a bridge (<c>br0</c>) in the client namespace. Deleting the server namespace deletes
/// both ends of the cable, but not the bridge, so a capture on the bridge spans the crash and the reboot. Disposing removes
/// both namespaces; a killed process's namespaces are removed by the next <see cref="NetworkNamespace.Create"/>.
/// </remarks>
public sealed class TwoHosts : IDisposable
{
    /// <summary>The client host's address (on its bridge).</summary>
    public static IPAddress ClientAddress { get; } = IPAddress.Parse("10.77.0.1");

    /// <summary>The server host's address, the same after every reboot.</summary>
    public static IPAddress ServerAddress { get; } = IPAddress.Parse("10.77.0.2");

    /// <summary>The server's MAC, the same after every reboot (the same network card), so the client's ARP cache stays right.</summary>
    public const string ServerMac = "02:77:00:00:00:02";

    /// <summary>The client's MAC, fixed so that the bridge keeps its address when the cable is unplugged.</summary>
    public const string ClientMac = "02:77:00:00:00:01";

    /// <summary>The device in the client namespace to capture on: it survives the server's crash.</summary>
    public const string CaptureDevice = "br0";

    const string CablePort = "port0", ServerDevice = "eth0", HoldPort = "hold0";
    NetworkNamespace? _server;
    bool _linked, _disposed;

    TwoHosts(NetworkNamespace client) => Client = client;

    /// <summary>The client host.</summary>
    public NetworkNamespace Client { get; }

    /// <summary>The server host; throws while it is down (crashed, not yet rebooted).</summary>
    public NetworkNamespace Server => _server ?? throw new InvalidOperationException("The server host is down: call Reboot() first.");

    /// <summary>True while the server host is up.</summary>
    public bool ServerIsUp => _server is not null;

    /// <summary>How many times the server host has booted (1 after creation).</summary>
    public int Boots { get; private set; }

    /// <summary>Creates both hosts and the cable between them; needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN).</summary>
    /// <exception cref="NamespaceUnavailableException">Namespaces cannot be created here; the message says why.</exception>
    public static TwoHosts Create()
    {
        var client = NetworkNamespace.Create();
        var hosts = new TwoHosts(client);
        try
        {
            var c = client.Name;
            NetworkNamespace.Ip($"-n {c} link add {CaptureDevice} address {ClientMac} type bridge stp_state 0 forward_delay 0");
            NetworkNamespace.Ip($"-n {c} addr add {ClientAddress}/24 dev {CaptureDevice}");
            // A second port (a veth pair with both ends here) keeps the bridge's carrier on while the cable is unplugged:
            // a bridge that lost its carrier drops what it sends until the kernel's deferred link work, up to a second
            // later, switches it on again.
            NetworkNamespace.Ip($"-n {c} link add {HoldPort} type veth peer name {HoldPort}b");
            NetworkNamespace.Ip($"-n {c} link set {HoldPort}b up");
            NetworkNamespace.Ip($"-n {c} link set {HoldPort} master {CaptureDevice} up");
            NetworkNamespace.Ip($"-n {c} link set {CaptureDevice} up");
            hosts.Boot();
            return hosts;
        }
        catch
        {
            hosts.Dispose();
            throw;
        }
    }

    /// <summary>Starts a capture on the client's bridge (TCP on <paramref name="ports"/>, the first is the server's), or the recording <paramref name="name"/> where capture is not permitted.</summary>
    public WireCapture Capture(string name, params int[] ports) =>
        WireCapture.Start(name, CaptureDevice, begin => Client.Run(begin), ports);

    /// <summary>Unplugs the cable: both ends of the veth pair disappear, so nothing the server sends from now on reaches the client.</summary>
    public void CutLink()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_linked) return;
        NetworkNamespace.Ip($"-n {Client.Name} link del {CablePort}");
        _linked = false;
    }

    /// <summary>Destroys the server host's namespace: every socket, route and counter it had is gone (close its sockets first, or they keep it alive unseen).</summary>
    public void DestroyServer()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CutLink();
        _server?.Dispose();
        _server = null;
    }

    /// <summary>Brings the server host up again: a new namespace, a new cable, the same addresses; it knows no connection.</summary>
    public void Reboot()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_server is not null)
            throw new InvalidOperationException("The server host is still up: crash it (DestroyServer) before rebooting it.");
        Boot();
    }

    /// <summary>Removes both hosts.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _server?.Dispose();
        _server = null;
        Client.Dispose();
    }

    void Boot()
    {
        var server = NetworkNamespace.Create();
        try
        {
            var (c, s) = (Client.Name, server.Name);
            NetworkNamespace.Ip($"-n {c} link add {CablePort} type veth peer name {ServerDevice} netns {s}");
            _linked = true;
            NetworkNamespace.Ip($"-n {c} link set {CablePort} master {CaptureDevice} up");
            NetworkNamespace.Ip($"-n {s} link set {ServerDevice} address {ServerMac}");
            NetworkNamespace.Ip($"-n {s} addr add {ServerAddress}/24 dev {ServerDevice}");
            NetworkNamespace.Ip($"-n {s} link set {ServerDevice} up");
            WaitUntilUp((c, CablePort), (c, CaptureDevice), (s, ServerDevice));
        }
        catch
        {
            server.Dispose();
            throw;
        }
        _server = server;
        Boots++;
    }

    /// <summary>Waits until the kernel reports each device operationally up.</summary>
    /// <remarks>The kernel switches a device on (its queue, its operstate) from deferred work that can lag up to a second behind
    /// the carrier; frames sent before that are dropped, and an ARP request lost that way delays the next segment by a second.</remarks>
    static void WaitUntilUp(params (string Namespace, string Device)[] devices)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        foreach (var (ns, device) in devices)
            while (!NetworkNamespace.Ip($"-n {ns} -o link show dev {device}").Contains(" state UP ", StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{device} in {ns} did not come up within 3 s.");
                Thread.Sleep(10);
            }
    }
}
