using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 3b (the article's case 3): a client and a server whose host crashes and reboots, or whose socket vanishes without a word; the cells make the calls, this keeps the hosts, the capture and what the client saw.</summary>
/// <remarks>
/// Where it cannot run here (no namespaces, or no TCP_REPAIR), <see cref="Live"/> is false, <see cref="Reason"/> says why and
/// what to do, and <see cref="Wire"/> is the recording from <c>data/</c>; the cells guard their calls with <c>if (x.Live)</c>.
/// Disposing waits briefly for the last reset, reads the counters, then closes every socket, the capture and the namespaces.
/// </remarks>
public sealed class RebootedPeer : IExperimentRun
{
    /// <summary>The article's port, used between the two hosts (free inside the lab's own namespaces).</summary>
    public const int ArticlePort = 8000;

    readonly TwoHosts? _hosts;
    readonly List<string> _steps = [];
    readonly List<(string Host, string Namespace, Func<CounterSnapshot> Read, CounterSnapshot Before)> _counted = [];
    readonly List<HostCounters> _counters = [];
    readonly CallLog _serverCalls;
    LabHost? _server;
    LabHost? _client;
    bool _disposed;
    int _number;

    RebootedPeer(string recording, WireCapture wire, TwoHosts? hosts, int port, string? reason)
    {
        Experiment = recording;
        Wire = wire;
        _hosts = hosts;
        Port = port;
        Reason = reason;
        _serverCalls = new CallLog("server") { Called = Step };
    }

    /// <summary>Two hosts for real: a client and a server namespace joined by a cable, a capture on the client's bridge (it survives the crash), the client's counters before; needs root.</summary>
    /// <param name="recording">Recording name, e.g. <c>04-reboot</c>; shown in place of the capture where namespaces are not permitted.</param>
    public static RebootedPeer Start(string recording)
    {
        Recordings.ValidateName(recording);
        TwoHosts hosts;
        try
        {
            hosts = TwoHosts.Create();
        }
        catch (NamespaceUnavailableException e)
        {
            return NotRun(recording, e.Message);
        }
        try
        {
            var wire = hosts.Capture(recording, ArticlePort);
            var lab = new RebootedPeer(recording, wire, hosts, ArticlePort, null);
            lab._client = lab.Host("client", TwoHosts.ClientAddress, hosts.Client, new CallLog("client") { Called = lab.Step });
            lab._server = lab.Host("server", TwoHosts.ServerAddress, hosts.Server, lab._serverCalls);
            lab.Count("client", hosts.Client.Name, hosts.Client.Counters);
            lab._steps.Add($"two hosts: the client {hosts.Client.Name} ({TwoHosts.ClientAddress}) and the server {hosts.Server.Name} ({TwoHosts.ServerAddress}), joined by a cable");
            return lab.Started();
        }
        catch
        {
            hosts.Dispose();
            throw;
        }
    }

    /// <summary>One host, no namespaces: client and server on 127.0.0.1, a capture on <c>lo</c> on a fresh port, this machine's counters before; live only where TCP_REPAIR is permitted (CAP_NET_ADMIN), so the server's socket can vanish.</summary>
    /// <param name="recording">Recording name, e.g. <c>04-vanish</c>.</param>
    public static RebootedPeer StartOnLoopback(string recording)
    {
        Recordings.ValidateName(recording);
        if (RepairRefusal() is { } refusal)
            return NotRun(recording, refusal);
        var port = Loopback.UnusedPort();
        var lab = new RebootedPeer(recording, WireCapture.Start(recording, "lo", null, port), null, port, null);
        lab._client = lab.Host("client", IPAddress.Loopback, null, new CallLog("client") { Called = lab.Step });
        lab._server = lab.Host("server", IPAddress.Loopback, null, lab._serverCalls);
        lab.Count("this machine (client and server)", "host", CounterSnapshot.Take);
        return lab.Started();
    }

    /// <summary>Not run here: no hosts, no calls, the recording in place of the capture.</summary>
    internal static RebootedPeer NotRun(string recording, string reason) =>
        new RebootedPeer(recording, WireCapture.Recorded(recording, reason), null, 0, reason).Started();

    /// <summary>The recording name, e.g. <c>04-reboot</c>.</summary>
    public string Experiment { get; }

    string IExperimentRun.Name => Experiment;

    string? IExperimentRun.WhyNotLive => Reason;

    /// <summary>True once the same experiment was started again (its cell ran again): this run is over for good.</summary>
    public bool IsSuperseded => ExperimentRuns.IsSuperseded(Experiment, _number);

    /// <summary>True when the experiment runs here; false when only the recording can be shown (<see cref="Reason"/> says why).</summary>
    public bool Live => Reason is null;

    /// <summary>Why it cannot run here and what to do (null when it runs).</summary>
    public string? Reason { get; }

    /// <summary>The server's port: 8000 between the two hosts, a fresh one on 127.0.0.1 (0 when not live).</summary>
    public int Port { get; }

    /// <summary>The client program (on the client host, or this machine).</summary>
    public LabHost Client => _client ?? throw NotHere();

    /// <summary>The server program on the host as it is now; throws while the host is down (crashed, not yet rebooted).</summary>
    public LabHost Server => _server ?? throw (Live ? new InvalidOperationException("The server host is down: call RebootServer() first.") : NotHere());

    /// <summary>The packets: live, or the recording with why.</summary>
    public WireCapture Wire { get; }

    /// <summary>What happened to the hosts, in order, in words.</summary>
    public IReadOnlyList<string> Steps => _steps;

    /// <summary>How long the client's first wait for the socket to become readable (a <c>Poll</c> it made with <c>Do</c>) took: the reset's delay; null when it did not become readable.</summary>
    public TimeSpan? ResetAfter => _client?.Calls.FirstOrDefault(IsPoll) is { Succeeded: true, Value: 1 } poll ? poll.Elapsed : null;

    /// <summary>The server's and the client's calls recorded with <c>Do</c> (the server's log spans the reboot); empty when not live.</summary>
    public IReadOnlyList<CallLog> Logs => _client is null ? [] : [_server?.Calls ?? _serverCalls, _client.Calls];

    /// <summary>Each host's counter changes (per namespace where the hosts are namespaces), read when the experiment ends.</summary>
    public IReadOnlyList<HostCounters> Counters => _counters;

    /// <summary>One host's counters, by the start of its name (<c>client</c>, <c>server</c>, <c>this machine</c>).</summary>
    public HostCounters Host(string host)
    {
        Guard.NotBlank(host);
        return _counters.FirstOrDefault(c => c.Host.StartsWith(host, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"No host named '{host}' in this run: {string.Join(", ", _counters.Select(c => c.Host))}.");
    }

    /// <summary>The crash: the cable is cut, the server program is killed (its sockets dropped, nothing gets out), and the server's namespace is destroyed with every connection its kernel knew.</summary>
    public void CrashServer()
    {
        Step();
        var hosts = TwoHostsOnly();
        var server = Server;
        var crashed = hosts.Server.Name;
        hosts.CutLink();
        server.Kill();
        _server = null;
        hosts.DestroyServer();
        _steps.Add($"crash: the cable is cut, the server program killed (its sockets dropped), the namespace {crashed} destroyed");
    }

    /// <summary>The reboot: a new namespace, a new cable, the same address and MAC; its kernel knows no connection, its counters start from zero.</summary>
    public void RebootServer()
    {
        Step();
        var hosts = TwoHostsOnly();
        hosts.Reboot();
        _server = Host("server", TwoHosts.ServerAddress, hosts.Server, _serverCalls);
        Count("server after the reboot", hosts.Server.Name, hosts.Server.Counters);
        _steps.Add($"reboot: the new namespace {hosts.Server.Name}, a new cable, the same address {TwoHosts.ServerAddress} and MAC {TwoHosts.ServerMac}");
    }

    /// <summary>Waits up to 0.5 s for the last reset, reads each host's counters, then closes the sockets, the capture and the namespaces.</summary>
    public void Dispose()
    {
        Step();
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (Live)
            {
                Wire.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(500));
                foreach (var (host, ns, read, before) in _counted)
                    _counters.Add(new HostCounters(host, ns, before.To(read())));
            }
        }
        finally
        {
            _client?.Dispose();
            _server?.Dispose();
            Wire.Dispose();
            _hosts?.Dispose();
        }
    }

    void Count(string host, string ns, Func<CounterSnapshot> read) => _counted.Add((host, ns, read, read()));

    // Each socket a host makes or accepts is a step of this run, like each call it records.
    LabHost Host(string role, IPAddress address, NetworkNamespace? ns, CallLog calls) => new(role, address, ns, calls) { Made = Step };

    RebootedPeer Started()
    {
        _number = ExperimentRuns.Start(this);   // a run of the same name that a cell started before ends here
        return this;
    }

    void Step() => ExperimentRuns.Step(this);

    TwoHosts TwoHostsOnly()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _hosts ?? throw (Live ? new InvalidOperationException("Only the two-host experiment (RebootedPeer.Start) has a server host to crash and reboot.") : NotHere());
    }

    InvalidOperationException NotHere() => new($"This part cannot run here: {Reason}");

    static bool IsPoll(SocketOutcome call) => call.Call.Contains(".Poll(", StringComparison.Ordinal);

    /// <summary>Null when this process may use TCP_REPAIR; otherwise why not and how to allow it.</summary>
    static string? RepairRefusal()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Set(SocketOption.TCP_REPAIR, 1);
            return null;
        }
        catch (SocketException e)
        {
            return $"TCP_REPAIR is not permitted for this user ({e.Message}): making a socket vanish needs CAP_NET_ADMIN. " + LiveCapture.Remedy;
        }
    }
}
