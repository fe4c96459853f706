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
    readonly RoutedHosts? _network;
    readonly int[] _ports;
    readonly List<Socket> _sockets = [];
    readonly List<Action> _atEnd = [];
    readonly CounterSnapshot? _before;
    readonly string? _whyShared;
    CounterDelta? _counters;
    IReadOnlyList<SocketEntry>? _socketsAtEnd;
    int _number;
    IReadOnlyList<SocketEntry>? _serverSocketsAtEnd;

    Experiment(string name, NetworkNamespace? ns, int[] ports, string? notRun, string? whyShared = null, RoutedHosts? network = null)
    {
        Name = name;
        _namespace = ns;
        _network = network;
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
        var device = network is null ? "lo" : RoutedHosts.ClientDevice;   // routed: the client's side of the cable
        Wire = ns is null ? WireCapture.Start(name, device, null, ports) : WireCapture.Start(name, device, begin => ns.Run(begin), ports);
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
        return InNamespaces(NetworkNamespace.Create, ns =>
        {
            foreach (var s in settings)
                ns.Sysctl(s[0].Trim(), s[1].Trim());
            return new Experiment(name, ns, [port], null);
        }, why => new Experiment(name, null, [port], why));
    }

    /// <summary>Starts an experiment in a new private network namespace when permitted (exact counters), else on this machine's loopback (counters "at least"): live either way.</summary>
    public static Experiment StartIsolated(string name, int port)
    {
        Recordings.ValidateName(name);
        Guard.Port(port);
        return InNamespaces(NetworkNamespace.Create, ns => new Experiment(name, ns, [port], null),
            why => new Experiment(name, null, [port], null, why));
    }

    /// <summary>Starts an experiment across three namespace hosts (<see cref="RoutedHosts"/>: client, router, server): capture on the client's cable, the client's counters; where namespaces are not permitted its calls do not run and the recording stands in.</summary>
    public static Experiment StartRouted(string name, params int[] ports)
    {
        Recordings.ValidateName(name);
        Guard.Ports(ports);
        return InNamespaces(RoutedHosts.Create, network => new Experiment(name, network.Client, ports, null, network: network),
            why => new Experiment(name, null, ports, why));
    }

    // Creates the namespaces and starts the experiment in them (removing them again if that fails); where namespaces are
    // refused, starts what stands in, told why.
    static Experiment InNamespaces<T>(Func<T> create, Func<T, Experiment> start, Func<string, Experiment> refused) where T : IDisposable
    {
        T made;
        try
        {
            made = create();
        }
        catch (NamespaceUnavailableException e)
        {
            return Replace(refused(e.Message));
        }
        try
        {
            return Replace(start(made));
        }
        catch
        {
            made.Dispose();
            throw;
        }
    }

    /// <summary>True when the experiment runs across a client, a router and a server namespace (<see cref="StartRouted"/>).</summary>
    public bool IsRouted => _network is not null;

    /// <summary>Runs <c>nft COMMAND</c> in the router's namespace (routed) or the experiment's own; its rules die with the namespace. Does nothing when the experiment did not run.</summary>
    /// <exception cref="InvalidOperationException">The experiment runs on this machine's own stack, where the lab sets no rules.</exception>
    public void Nft(string command)
    {
        Guard.NotBlank(command);
        if (Client.NotRun is not null)
            return;
        RuleHost.Nft(command);
    }

    /// <summary>Sets a <c>net.*</c> sysctl in the router's namespace (routed) or the experiment's own. Does nothing when the experiment did not run.</summary>
    /// <exception cref="InvalidOperationException">The experiment runs on this machine's own stack, whose settings the lab leaves alone.</exception>
    public void Sysctl(string key, string value)
    {
        if (Client.NotRun is not null)
            return;
        RuleHost.Sysctl(key, value);
    }

    /// <summary>Reads a <c>net.*</c> sysctl in the router's namespace (routed) or the experiment's own; empty when the experiment did not run.</summary>
    /// <exception cref="InvalidOperationException">The experiment runs on this machine's own stack.</exception>
    public string ReadSysctl(string key)
    {
        Guard.NotBlank(key);
        return Client.NotRun is not null ? "" : RuleHost.ReadSysctl(key);
    }

    /// <summary>A new TCP socket on the server's host (routed: the server namespace; else the same network as <see cref="NewSocket"/>), closed by <see cref="Dispose"/>.</summary>
    public Socket NewServerSocket()
    {
        var socket = _network is null ? NewSocket() : _network.Server.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), TimeSpan.FromSeconds(10));
        socket.ReceiveTimeout = socket.SendTimeout = 2000;
        Keep(socket);
        return socket;
    }

    /// <summary>A socket on the server's host bound to <paramref name="at"/> (address reuse on), for a server that listens on it itself (Kestrel's <c>CreateBoundListenSocket</c>).</summary>
    public Socket BoundSocket(EndPoint at)
    {
        Guard.NotNull(at);
        var socket = NewServerSocket();
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(at);
        return socket;
    }

    /// <summary>A stream over a new client socket connected to <paramref name="to"/> within 2 s (<c>SocketsHttpHandler.ConnectCallback</c>): HTTP clients' connections then live in the experiment's network.</summary>
    /// <exception cref="TimeoutException">No answer within 2 s.</exception>
    public ValueTask<Stream> OpenStream(DnsEndPoint to)
    {
        Guard.NotNull(to);
        var socket = NewSocket();
        socket.Connect(new IPEndPoint(IPAddress.Parse(to.Host), to.Port), TimeSpan.FromSeconds(2));
        return ValueTask.FromResult<Stream>(new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>Makes <paramref name="resource"/> (an HTTP client, a server) end with the experiment: <see cref="Dispose"/> disposes it before the experiment's own sockets close; returns it.</summary>
    public T Own<T>(T resource) where T : class, IDisposable
    {
        Guard.NotNull(resource);
        OnEnd(resource.Dispose);
        return resource;
    }

    /// <summary>Runs <paramref name="action"/> when the experiment ends, before its own sockets close (e.g. a server's graceful stop); what was registered last runs first.</summary>
    public void OnEnd(Action action)
    {
        Guard.NotNull(action);
        lock (_atEnd) _atEnd.Add(action);
    }

    /// <summary>The server host's socket table on the experiment's ports now (routed: the server namespace), or as it was at <see cref="Dispose"/>; empty when it did not run.</summary>
    public IReadOnlyList<SocketEntry> ServerSockets()
    {
        if (_network is null)
            return Sockets();
        return _serverSocketsAtEnd ?? (Client.NotRun is null ? _network.Server.Run(() => SocketTable.Read(_ports), TimeSpan.FromSeconds(10)) : []);
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

    /// <summary>Puts hand-built segments (<see cref="SegmentForge"/>, <see cref="ForgedReset"/>) on the private namespace's <c>lo</c> as if they came from outside, back to back through one device handle, and waits (at most 1 s) until TCP has taken them all; does nothing when the experiment did not run.</summary>
    public void Inject(params Frame[] frames)
    {
        Guard.NotNull(frames);
        if (frames.Length == 0)
            throw new LabArgumentException("Give at least one frame to inject: build it with SegmentForge.Build or ForgedReset.Into.", nameof(frames));
        var segments = frames.Select(f => TcpSegment.From(f ?? throw new LabArgumentException("A frame to inject is null.", nameof(frames)))
            ?? throw new LabArgumentException("The frame carries no TCP segment: build one with SegmentForge.Build.", nameof(frames))).ToList();
        Step();   // a segment sent cannot be taken back: a cell that injects is a step of the experiment
        if (Client.NotRun is not null)
            return;
        if (_namespace is null)
            throw new InvalidOperationException("A forged segment for 127.0.0.1 reaches TCP only in a private namespace: start the experiment with Lab.StartPrivate.");
        // A frame sent through libpcap arrives on lo without the route the kernel's own packets carry, so Linux routes
        // it like one from outside: 127.0.0.0/8 is then a martian (route_localnet) and a source address of its own
        // too (accept_local). Both accept it, in this namespace only.
        _namespace.Sysctl("net.ipv4.conf.lo.route_localnet", "1");
        _namespace.Sysctl("net.ipv4.conf.lo.accept_local", "1");
        var received = Inside(CounterSnapshot.Take)["InSegs"];
        using (var injector = SegmentInjector.Open("lo", _namespace))
            foreach (var frame in frames)
                injector.Send(frame);
        foreach (var segment in segments)
            Wire.WaitFor(s => s.Source.Equals(segment.Source) && s.Destination.Equals(segment.Destination)
                && s.Flags == segment.Flags && s.Sequence == segment.Sequence, TimeSpan.FromSeconds(1));
        // The capture sees a frame as it is sent; TCP takes it a moment later, in softirq: wait until it has taken them all
        // (a socket table read next must show what they did), at most 1 s.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (Inside(CounterSnapshot.Take)["InSegs"] - received < frames.Length && DateTime.UtcNow < deadline)
            Thread.Sleep(1);
        Thread.Sleep(5);   // InSegs moves as tcp_v4_rcv starts; the segment's effect follows within microseconds
    }

    /// <summary>Kills <paramref name="socket"/>'s connection from outside, as <c>ss -K</c> does, in the experiment's network; returns what ss printed, or "" (whatever the socket) when the experiment did not run.</summary>
    public string Destroy(Socket socket)
    {
        Step();   // a killed connection does not come back: a cell that kills is a step of the experiment
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
            List<Action> atEnd;
            lock (_atEnd) { atEnd = [.. _atEnd]; _atEnd.Clear(); }
            for (var i = atEnd.Count - 1; i >= 0; i--)   // the last made first: a client before the server it talks to
                atEnd[i]();
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
                if (_network is not null)
                    _serverSocketsAtEnd = _network.Server.Run(() => SocketTable.Read(_ports), TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            Wire.Dispose();
            _namespace?.Dispose();
            _network?.Dispose();
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

    NetworkNamespace RuleHost => _network?.Router ?? _namespace
        ?? throw new InvalidOperationException($"{Name} runs on this machine's own stack: the lab sets rules and sysctls only in its own namespaces (start it with Lab.StartPrivate or Lab.StartRouted).");

    T Inside<T>(Func<T> action) => _namespace is null ? action() : _namespace.Run(action, TimeSpan.FromSeconds(10));

    static Experiment Replace(Experiment started)
    {
        started._number = ExperimentRuns.Start(started);
        return started;
    }
}
