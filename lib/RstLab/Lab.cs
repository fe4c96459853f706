using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Probe;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab;

/// <summary>The notebooks' entry point: short calls that read like the steps of an experiment, all on 127.0.0.1.</summary>
public static class Lab
{
    /// <summary>A port on 127.0.0.1 where nobody listens.</summary>
    public static int UnusedPort() => Loopback.UnusedPort();

    /// <summary>A listener on 127.0.0.1 (port 0: the kernel picks one).</summary>
    public static Socket Listen(int port = 0, int backlog = 16) => Loopback.Listen(port, backlog);

    /// <summary>Records everything that crosses <c>lo</c> on these ports (the first is the server's), or shows the recording named <paramref name="name"/> where capture is not permitted.</summary>
    public static WireCapture Capture(string name, params int[] ports) => WireCapture.Start(name, "lo", null, ports);

    /// <summary>A socket connected to 127.0.0.1:<paramref name="port"/>, with 2 s send and receive timeouts so no call hangs.</summary>
    public static Socket Connect(int port)
    {
        var outcome = Loopback.TryConnect(port, null, out var socket);
        if (socket is null)
            throw new SocketException((int)outcome.Error);
        socket.ReceiveTimeout = socket.SendTimeout = 2000;
        return socket;
    }

    /// <summary>The next connection waiting on <paramref name="listener"/>, with 2 s timeouts; throws <see cref="TimeoutException"/> if none arrives in time.</summary>
    public static Socket Accept(Socket listener, TimeSpan? timeout = null)
    {
        Guard.NotNull(listener);
        var wait = Guard.Timeout(timeout ?? TimeSpan.FromSeconds(2), name: nameof(timeout));
        if (!listener.Poll(wait, SelectMode.SelectRead))
            throw new TimeoutException($"No connection arrived within {wait.TotalSeconds:0.#} s.");
        var socket = listener.Accept();
        socket.ReceiveTimeout = socket.SendTimeout = 2000;
        return socket;
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and closes; the error, if any, is the result.</summary>
    public static SocketOutcome TryConnect(int port, TimeSpan? timeout = null) => Loopback.TryConnect(port, timeout);

    /// <summary>Starts an experiment on 127.0.0.1: capture on <paramref name="ports"/> (the first is the server's; the recording <paramref name="name"/> where capture is not permitted) and counters from now.</summary>
    public static Experiment Start(string name, params int[] ports) => Experiment.Start(name, ports);

    /// <summary>Starts an experiment in its own network namespace, with its own sysctls (<c>"net.ipv4.tcp_abort_on_overflow=1"</c>) and exact counters; where that is not permitted its calls do not run and the recording stands in.</summary>
    public static Experiment StartPrivate(string name, int port, params string[] sysctls) => Experiment.StartPrivate(name, port, sysctls);

    /// <summary>Starts an experiment in its own network namespace when permitted (exact counters), else on this machine's loopback (counters "at least"); its calls run either way.</summary>
    public static Experiment StartIsolated(string name, int port) => Experiment.StartIsolated(name, port);

    /// <summary>Starts an experiment across three hosts in their own network namespaces, a client, a router and a server (10.77.0.65 → 10.77.0.126/.129 → 10.77.0.130), captured on the client's cable; firewall and NAT rules go in the router (<c>x.Nft(...)</c>). Where namespaces are not permitted its calls do not run and the recording stands in.</summary>
    public static Experiment StartRouted(string name, params int[] ports) => Experiment.StartRouted(name, ports);

    /// <summary>The kernel's TCP counters now.</summary>
    public static CounterSnapshot Counters() => CounterSnapshot.Take();

    /// <summary>The kernel's socket table rows that use these ports.</summary>
    public static IReadOnlyList<SocketEntry> Sockets(params int[] ports) => SocketTable.Read(ports);

    /// <summary>What this machine allows: OS, counters, libpcap, live capture, namespaces; each with what to do if missing.</summary>
    public static IReadOnlyList<Capability> Probe() => Capability.ProbeAll();
}
