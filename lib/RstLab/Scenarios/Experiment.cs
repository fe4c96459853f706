using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>One experiment, whatever it shows: its capture, whether it ran live (and why not), each side's calls, counters and socket table; started with <see cref="Lab.Start"/> or <see cref="Lab.StartPrivate"/>.</summary>
/// <remarks>The cells make the socket calls (<c>experiment.Client.Do(...)</c>); the experiment owns only the plumbing: namespace, capture, counters, and the sockets it handed out, closed by <see cref="Dispose"/> even when a cell threw.</remarks>
public sealed class Experiment : IExperimentRun, IDisposable
{
    readonly NetworkNamespace? _namespace;
    readonly int[] _ports;
    readonly List<Socket> _sockets = [];
    readonly CounterSnapshot? _before;
    readonly string? _whyShared;
    CounterDelta? _counters;
    IReadOnlyList<SocketEntry>? _socketsAtEnd;
    int _number;

    Experiment(string name, NetworkNamespace? ns, int[] ports, string? notRun, string? whyShared = null)
    {
        Name = name;
        _namespace = ns;
        _ports = ports;
        _whyShared = whyShared;
        Client = new CallLog("client") { NotRun = notRun, Keep = Keep, Called = Step };
        Server = new CallLog("server") { NotRun = notRun, Keep = Keep, Called = Step };
        if (notRun is not null)
        {
            Wire = WireCapture.Recorded(name, notRun);
            return;
        }
        _before = Inside(CounterSnapshot.Take);
        Wire = ns is null ? WireCapture.Start(name, "lo", null, ports) : WireCapture.Start(name, "lo", begin => ns.Run(begin), ports);
    }

    /// <summary>The recording name, e.g. <c>01-refused</c>.</summary>
    public string Name { get; }

    /// <summary>The server's port: the first port the experiment captures.</summary>
    public int Port => _ports[0];

    /// <summary>The packets: live, or the recording with a sentence saying why.</summary>
    public WireCapture Wire { get; }

    /// <summary>True when the calls ran here and the capture is live.</summary>
    public bool IsLive => WhyNotLive is null;

    /// <summary>Why this run is not live and what to do (no namespaces, no capture), or null when it is.</summary>
    public string? WhyNotLive => Client.NotRun ?? Wire.Unavailable;

    /// <summary>True when the experiment runs in its own network namespace: counters there move only for it.</summary>
    public bool IsPrivate => _namespace is not null;

    /// <summary>True once the same experiment was started again (a cell with <see cref="Start"/> and this name ran again): this run is over for good.</summary>
    public bool IsSuperseded => ExperimentRuns.IsSuperseded(Name, _number);

    /// <summary>The client's calls, in order, each with its own source text, outcome and prediction.</summary>
    public CallLog Client { get; }

    /// <summary>The server's calls.</summary>
    public CallLog Server { get; }

    /// <summary>How the kernel's counters moved from the start to <see cref="Dispose"/> (exact in a private namespace); null until then, or when it did not run.</summary>
    public CounterDelta? Counters => _counters;

    /// <summary>The socket table on the experiment's ports now (in its namespace), or as it was at <see cref="Dispose"/>; empty when it did not run.</summary>
    public IReadOnlyList<SocketEntry> Sockets()
    {
        if (_socketsAtEnd is not null)
            return _socketsAtEnd;
        Step();   // a live read mid-experiment shows a moment that does not come back
        return Client.NotRun is null ? Inside(() => SocketTable.Read(_ports)) : [];
    }

    /// <summary>Starts an experiment on this machine's loopback: capture on <paramref name="ports"/> (the first is the server's), counters from now.</summary>
    public static Experiment Start(string name, params int[] ports)
    {
        Recordings.ValidateName(name);
        Guard.Ports(ports);
        return Replace(new Experiment(name, null, ports, null));
    }

    /// <summary>Starts an experiment in a new private network namespace with its own sysctls (<c>net.ipv4.tcp_abort_on_overflow=1</c>); where namespaces are not permitted, its calls do not run and the recording stands in.</summary>
    public static Experiment StartPrivate(string name, int port, params string[] sysctls)
    {
        Recordings.ValidateName(name);
        Guard.Port(port);
        Guard.NotNull(sysctls);
        var settings = sysctls.Select(s => s.Split('=', 2)).ToList();
        if (settings.Any(s => s.Length != 2))
            throw new LabArgumentException("Write each sysctl as key=value, e.g. net.ipv4.tcp_abort_on_overflow=1.", nameof(sysctls));
        NetworkNamespace ns;
        try
        {
            ns = NetworkNamespace.Create();
        }
        catch (NamespaceUnavailableException e)
        {
            return Replace(new Experiment(name, null, [port], e.Message));
        }
        try
        {
            foreach (var s in settings)
                ns.Sysctl(s[0].Trim(), s[1].Trim());
            return Replace(new Experiment(name, ns, [port], null));
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>Starts an experiment in a new private network namespace when permitted (exact counters), else on this machine's loopback (counters "at least"): live either way.</summary>
    public static Experiment StartIsolated(string name, int port)
    {
        Recordings.ValidateName(name);
        Guard.Port(port);
        NetworkNamespace ns;
        try
        {
            ns = NetworkNamespace.Create();
        }
        catch (NamespaceUnavailableException e)
        {
            return Replace(new Experiment(name, null, [port], null, e.Message));
        }
        try
        {
            return Replace(new Experiment(name, ns, [port], null));
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>The socket table on the experiment's ports as soon as one row meets <paramref name="condition"/> (e.g. a side in FIN-WAIT-2); after <paramref name="timeout"/> (default 1 s) the table as it is then.</summary>
    public IReadOnlyList<SocketEntry> SocketsWhen(Func<SocketEntry, bool> condition, TimeSpan? timeout = null)
    {
        Guard.NotNull(condition);
        var wait = Guard.Timeout(timeout ?? TimeSpan.FromSeconds(1), name: nameof(timeout));
        Step();
        if (Client.NotRun is not null)
            return [];
        return Inside(() => SocketTable.WaitFor(_ports[0], rows => rows.Any(condition), wait));
    }

    /// <summary>A new TCP socket (IPv4) that belongs to the experiment's network: created in its namespace, with 2 s send and receive timeouts so no call hangs, closed by <see cref="Dispose"/>.</summary>
    public Socket NewSocket()
    {
        Step();
        var socket = Inside(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        socket.ReceiveTimeout = socket.SendTimeout = 2000;
        Keep(socket);
        return socket;
    }

    /// <summary>Puts a hand-built segment (<see cref="SegmentForge"/>, <see cref="ForgedReset"/>) on the private namespace's <c>lo</c> as if it came from outside, and waits (at most 1 s) until TCP has taken it; does nothing when the experiment did not run.</summary>
    public void Inject(Frame frame)
    {
        Guard.NotNull(frame);
        if (Client.NotRun is not null)
            return;
        if (_namespace is null)
            throw new InvalidOperationException("A forged segment for 127.0.0.1 reaches TCP only in a private namespace: start the experiment with Lab.StartPrivate.");
        var segment = TcpSegment.From(frame) ?? throw new LabArgumentException("The frame carries no TCP segment: build one with SegmentForge.Build.", nameof(frame));
        // A frame sent through libpcap arrives on lo without the route the kernel's own packets carry, so Linux routes
        // it like one from outside: 127.0.0.0/8 is then a martian (route_localnet) and a source address of its own
        // too (accept_local). Both accept it, in this namespace only.
        _namespace.Sysctl("net.ipv4.conf.lo.route_localnet", "1");
        _namespace.Sysctl("net.ipv4.conf.lo.accept_local", "1");
        var received = Inside(CounterSnapshot.Take)["InSegs"];
        using (var injector = SegmentInjector.Open("lo", _namespace))
            injector.Send(frame);
        Wire.WaitFor(s => s.Source.Equals(segment.Source) && s.Destination.Equals(segment.Destination)
            && s.Flags == segment.Flags && s.Sequence == segment.Sequence, TimeSpan.FromSeconds(1));
        // The capture sees the frame as it is sent; TCP takes it a moment later, in softirq: wait until it has (a socket
        // table read next must show what the segment did), at most 1 s.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (Inside(CounterSnapshot.Take)["InSegs"] == received && DateTime.UtcNow < deadline)
            Thread.Sleep(1);
        Thread.Sleep(5);   // InSegs moves as tcp_v4_rcv starts; the segment's effect follows within microseconds
    }

    /// <summary>Kills <paramref name="socket"/>'s connection from outside, as <c>ss -K</c> does, in the experiment's network; returns what ss printed, or "" (whatever the socket) when the experiment did not run.</summary>
    public string Destroy(Socket socket)
    {
        if (Client.NotRun is not null)
            return "";   // the cell's calls did not run either: there is no socket to kill (accept() gave null)
        Guard.NotNull(socket);
        if (socket.LocalEndPoint is not IPEndPoint local || socket.RemoteEndPoint is not IPEndPoint remote)
            throw new LabArgumentException("The socket is not connected: there is no connection to kill.", nameof(socket));
        return Inside(() => SocketKiller.Kill(local, remote));
    }

    /// <summary>Ends the experiment: closes the sockets it handed out, waits for the last segments, reads counters and the socket table, stops the capture, removes the namespace. Safe to call twice.</summary>
    public void Dispose()
    {
        Step();
        try
        {
            List<Socket> sockets;
            lock (_sockets) { sockets = [.. _sockets]; _sockets.Clear(); }
            foreach (var socket in sockets)
                socket.Dispose();
            if (_before is not null && _counters is null && Client.NotRun is null)
            {
                if (sockets.Count > 0)
                    Wire.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(300));
                _counters = _before.To(Inside(CounterSnapshot.Take));
                _socketsAtEnd = Settled();
            }
        }
        finally
        {
            Wire.Dispose();
            _namespace?.Dispose();
        }
    }

    /// <summary>The experiment in one line: its name and whether it ran live.</summary>
    public override string ToString() => $"{Name}: " + (WhyNotLive ?? (IsPrivate ? "live, in a private network namespace: its counters are this experiment's alone"
            : "live, on this machine's loopback: other traffic can add to its counters" + (_whyShared is null ? "" : $" (no private namespace: {_whyShared})")));

    void Step() => ExperimentRuns.Step(this);

    // A socket a call handed out (accept()) belongs to the experiment like the ones it created.
    void Keep(Socket socket)
    {
        lock (_sockets) _sockets.Add(socket);
    }

    // Under load the kernel may finish a close a moment after close() returned: wait (at most 1 s) until no
    // socket on the server's port is half-way through closing, so the table shows where each side ended up.
    IReadOnlyList<SocketEntry> Settled()
    {
        Inside(() => SocketTable.WaitFor(Port, sockets => !sockets.Any(s => IsClosing(s.State)), TimeSpan.FromSeconds(1)));
        return Inside(() => SocketTable.Read(_ports));
    }

    /// <summary>True for the states a close passes through (FIN-WAIT-1/2, LAST-ACK, CLOSING), not where it ends.</summary>
    internal static bool IsClosing(TcpState state) =>
        state is TcpState.FinWait1 or TcpState.FinWait2 or TcpState.LastAck or TcpState.Closing;

    T Inside<T>(Func<T> action) => _namespace is null ? action() : _namespace.Run(action, TimeSpan.FromSeconds(10));

    static Experiment Replace(Experiment started)
    {
        started._number = ExperimentRuns.Start(started);
        return started;
    }
}
