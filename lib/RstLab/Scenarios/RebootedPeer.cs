using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 3b: a segment reaches a host that no longer knows its connection (the article's case 3), because the server host crashed and rebooted, or its socket vanished without a word.</summary>
public static class RebootedPeer
{
    /// <summary>The article's port; free inside the lab's own namespaces.</summary>
    public const int Port = 8000;
    const int SolTcp = 6, TcpRepair = 19;
    static readonly TimeSpan ResetWait = TimeSpan.FromSeconds(2);

    /// <summary>The crash for real: connect and exchange data across the lab's two hosts, cut the cable, kill the server, destroy its namespace, reboot it with the same address and restart the server; then the client writes three times.</summary>
    /// <param name="recording">Recording name for the capture on the client's bridge, e.g. <c>04-reboot</c>.</param>
    public static RebootedPeerRun CrashAndReboot(string recording) => InTwoHosts(recording, keepalive: null);

    /// <summary>The same crash and reboot, but the client never writes: TCP keepalive (idle, interval and probe count as given, in seconds) probes the peer and the rebooted host's RST ends the connection.</summary>
    /// <param name="recording">Recording name, e.g. <c>04-keepalive</c>.</param>
    /// <param name="idle">TCP_KEEPIDLE: seconds of silence before the first probe (1 to 10).</param>
    /// <param name="interval">TCP_KEEPINTVL: seconds between unanswered probes (1 to 10).</param>
    /// <param name="probes">TCP_KEEPCNT: unanswered probes before the kernel gives up with ETIMEDOUT (1 to 10).</param>
    public static RebootedPeerRun KeepaliveAfterReboot(string recording, int idle = 1, int interval = 1, int probes = 2)
    {
        foreach (var (value, name) in new[] { (idle, nameof(idle)), (interval, nameof(interval)), (probes, nameof(probes)) })
            if (value is < 1 or > 10)
                throw new ArgumentOutOfRangeException(name, value, "Use 1 to 10, so the experiment ends within seconds.");
        return InTwoHosts(recording, new Keepalive(idle, interval, probes));
    }

    /// <summary>The one-host stand-in on 127.0.0.1: the server socket is put into TCP_REPAIR mode and closed, so it vanishes with no FIN or RST, as if its host had crashed; then the client writes three times. Needs CAP_NET_ADMIN.</summary>
    /// <param name="recording">Recording name for the capture on <c>lo</c>, e.g. <c>04-vanish</c>.</param>
    public static RebootedPeerRun VanishOnLoopback(string recording)
    {
        if (RepairRefusal() is { } refusal)
            return RebootedPeerRun.NotRun(recording, refusal);
        var steps = new List<string>();
        var exchange = new List<SocketOutcome>();
        var listener = Loopback.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        WireCapture? wire = null;
        Socket? client = null, server = null;
        try
        {
            wire = WireCapture.Start(recording, "lo", null, port);
            var before = CounterSnapshot.Take();
            client = Connect(new IPEndPoint(IPAddress.Loopback, port));
            server = Accept(listener);
            steps.Add($"client {client.LocalEndPoint} connected to server {server.LocalEndPoint}");
            Exchange(client, server, exchange);
            server.SetRawSocketOption(SolTcp, TcpRepair, BitConverter.GetBytes(1));
            server.Dispose();
            listener.Dispose();
            steps.Add("server socket set to TCP_REPAIR and closed: the kernel forgot the connection without sending anything; the listener closed too");
            var (afterwards, resetAfter) = WriteThreeTimes(client);
            var counters = new HostCounters("this machine (client and server)", "host", before.To(CounterSnapshot.Take()));
            wire.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(500));
            return new RebootedPeerRun(recording, true, null, steps, exchange, afterwards, resetAfter, [counters], wire);
        }
        finally
        {
            client?.Dispose();
            server?.Dispose();
            listener.Dispose();
            wire?.Dispose();
        }
    }

    static RebootedPeerRun InTwoHosts(string recording, Keepalive? keepalive)
    {
        TwoHosts hosts;
        try
        {
            hosts = TwoHosts.Create();
        }
        catch (NamespaceUnavailableException e)
        {
            return RebootedPeerRun.NotRun(recording, e.Message);
        }
        using (hosts)
        {
            var steps = new List<string>();
            var exchange = new List<SocketOutcome>();
            var server = new IPEndPoint(TwoHosts.ServerAddress, Port);
            var wire = hosts.Capture(recording, Port);
            Socket? client = null, listener = null, accepted = null;
            try
            {
                var clientBefore = hosts.Client.Counters();
                listener = hosts.Server.Run(() => Listen(server));
                client = hosts.Client.Run(() => Connect(server));
                accepted = Accept(listener);
                steps.Add($"client host {hosts.Client.Name} ({TwoHosts.ClientAddress}) connected to server host {hosts.Server.Name} ({server})");
                if (keepalive is not null)
                {
                    keepalive.Apply(client);
                    steps.Add($"client turned keepalive on: first probe after {keepalive.Idle} s idle, then every {keepalive.Interval} s, give up after {keepalive.Probes} unanswered");
                }
                Exchange(client, accepted, exchange);

                var crashed = hosts.Server.Name;
                hosts.CutLink();
                steps.Add("crash: the cable is cut (both ends of the veth pair deleted)");
                var (dying, dyingListener) = (accepted, listener);
                hosts.Server.Run(() =>
                {
                    // Abort, so the sockets are gone at once and cannot keep the dead namespace alive; with the cable cut nothing they send gets out.
                    dying.LingerState = new LingerOption(true, 0);
                    dying.Dispose();
                    dyingListener.Dispose();
                });
                (accepted, listener) = (null, null);
                steps.Add("crash: the server process is killed (its sockets dropped)");
                hosts.DestroyServer();
                steps.Add($"crash: the server's namespace {crashed} is destroyed, with every connection its kernel knew");

                var rebooted = Stopwatch.StartNew();
                hosts.Reboot();
                var serverBefore = hosts.Server.Counters();
                listener = hosts.Server.Run(() => Listen(server));
                steps.Add($"reboot: new namespace {hosts.Server.Name}, new cable, the same address {TwoHosts.ServerAddress} and MAC {TwoHosts.ServerMac}; the server listens on port {Port} again");

                var (afterwards, resetAfter) = keepalive is null ? WriteThreeTimes(client) : WaitForKeepalive(client, keepalive, rebooted);
                var counters = new[]
                {
                    new HostCounters("client", hosts.Client.Name, clientBefore.To(hosts.Client.Counters())),
                    new HostCounters("server after the reboot", hosts.Server.Name, serverBefore.To(hosts.Server.Counters())),
                };
                wire.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(500));
                return new RebootedPeerRun(recording, true, null, steps, exchange, afterwards, resetAfter, counters, wire);
            }
            finally
            {
                client?.Dispose();
                accepted?.Dispose();
                listener?.Dispose();
                wire.Dispose();
            }
        }
    }

    /// <summary>Writes 5 bytes ("succeeds": the kernel queues them), waits for the peer's RST, writes twice more.</summary>
    static (IReadOnlyList<SocketOutcome>, TimeSpan?) WriteThreeTimes(Socket client)
    {
        var calls = new List<SocketOutcome> { Send(client, "again") };
        var clock = Stopwatch.StartNew();
        TimeSpan? resetAfter = client.Poll(ResetWait, SelectMode.SelectRead) ? clock.Elapsed : null;
        calls.Add(Send(client, "again"));
        calls.Add(Send(client, "again"));
        return (calls, resetAfter);
    }

    /// <summary>Writes nothing: waits until the socket reports something (the keepalive probe's answer), then reads and writes once.</summary>
    static (IReadOnlyList<SocketOutcome>, TimeSpan?) WaitForKeepalive(Socket client, Keepalive keepalive, Stopwatch sinceReboot)
    {
        var limit = TimeSpan.FromSeconds(keepalive.Idle + keepalive.Interval * keepalive.Probes + 2);
        var poll = SocketOutcome.Of($"poll(readable), no write, up to {limit.TotalSeconds:0} s",
            () => client.Poll(limit, SelectMode.SelectRead) ? 1 : throw new TimeoutException("nothing happened"), () => client.LocalEndPoint as IPEndPoint);
        TimeSpan? resetAfter = poll.Succeeded ? sinceReboot.Elapsed : null;
        return ([poll, Receive(client), Send(client, "again")], resetAfter);
    }

    static void Exchange(Socket client, Socket server, List<SocketOutcome> calls)
    {
        calls.Add(Send(client, "hello"));
        calls.Add(Receive(server, "server"));
        calls.Add(Send(server, "world", "server"));
        calls.Add(Receive(client));
    }

    static SocketOutcome Send(Socket socket, string text, string side = "client") =>
        SocketOutcome.Of($"{side} send({text.Length} bytes)", () => socket.Send(System.Text.Encoding.ASCII.GetBytes(text)), () => socket.LocalEndPoint as IPEndPoint);

    static SocketOutcome Receive(Socket socket, string side = "client") =>
        SocketOutcome.Of($"{side} recv()", () => socket.Receive(new byte[64]), () => socket.LocalEndPoint as IPEndPoint);

    static Socket Listen(IPEndPoint at)
    {
        var listener = new Socket(at.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(at);
            listener.Listen(4);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    static Socket Connect(IPEndPoint to)
    {
        var socket = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            socket.ConnectAsync(to, cts.Token).AsTask().GetAwaiter().GetResult();
            socket.ReceiveTimeout = socket.SendTimeout = 2000;
            return socket;
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            throw new TimeoutException($"connect({to}) got no answer within 2 s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    static Socket Accept(Socket listener)
    {
        if (!listener.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead))
            throw new TimeoutException("The server saw no connection within 2 s.");
        var socket = listener.Accept();
        socket.ReceiveTimeout = socket.SendTimeout = 2000;
        return socket;
    }

    /// <summary>Null when this process may use TCP_REPAIR; otherwise why not and how to allow it.</summary>
    static string? RepairRefusal()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.SetRawSocketOption(SolTcp, TcpRepair, BitConverter.GetBytes(1));
            return null;
        }
        catch (SocketException e)
        {
            return $"TCP_REPAIR is not permitted for this user ({e.Message}): making a socket vanish needs CAP_NET_ADMIN. " +
                "Run the kernel as root, or grant the dotnet binary these rights once: " +
                "sudo setcap cap_net_raw,cap_net_admin=eip \"$(readlink -f \"$(command -v dotnet)\")\"";
        }
    }

    sealed record Keepalive(int Idle, int Interval, int Probes)
    {
        public void Apply(Socket socket)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Idle);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Interval);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, Probes);
        }
    }
}

/// <summary>What one run of a rebooted-peer experiment showed.</summary>
/// <param name="Experiment">The recording name, e.g. <c>04-reboot</c>.</param>
/// <param name="Ran">False when it could not run here; <paramref name="Reason"/> says why and what to do.</param>
/// <param name="Reason">Why it did not run (null when it ran).</param>
/// <param name="Steps">What happened, in order, in words.</param>
/// <param name="Exchange">The calls while the connection was healthy (data both ways).</param>
/// <param name="Afterwards">The client's calls after the peer forgot the connection.</param>
/// <param name="ResetAfter">How long after the first write (or the reboot, for keepalive) the client's socket reported the reset; null if it did not.</param>
/// <param name="Counters">Each host's counter changes (per namespace where the hosts are namespaces).</param>
/// <param name="Wire">The packets: live, or the recording with why.</param>
public sealed record RebootedPeerRun(
    string Experiment,
    bool Ran,
    string? Reason,
    IReadOnlyList<string> Steps,
    IReadOnlyList<SocketOutcome> Exchange,
    IReadOnlyList<SocketOutcome> Afterwards,
    TimeSpan? ResetAfter,
    IReadOnlyList<HostCounters> Counters,
    WireCapture Wire)
{
    /// <summary>A run that could not happen here: no calls, the recording in place of the capture.</summary>
    public static RebootedPeerRun NotRun(string recording, string reason) =>
        new(recording, false, reason, [], [], [], null, [], WireCapture.Recorded(recording, reason));

    /// <summary>The errors of the calls after the peer forgot the connection, in order, e.g. <c>Success, ConnectionReset, Shutdown</c>.</summary>
    public IReadOnlyList<SocketError> Sequence => Afterwards.Select(a => a.Error).ToList();

    /// <summary>One host's counters, by the start of its name (<c>client</c>, <c>server</c>).</summary>
    public HostCounters Host(string host) =>
        Counters.FirstOrDefault(c => c.Host.StartsWith(host, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No host named '{host}' in this run: {string.Join(", ", Counters.Select(c => c.Host))}.");
}
