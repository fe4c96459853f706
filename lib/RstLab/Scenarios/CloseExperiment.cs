using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>One close of notebooks 02 and 03 (graceful, abortive, with unread data, or written to after it): its listener, capture, counters, what the peer saw, and the socket table afterwards.</summary>
/// <remarks>Dispose it after the client and server sockets: it stops the capture, closes the listener, reads the socket table and the counters.</remarks>
public sealed class CloseExperiment : IDisposable
{
    readonly CloseBench _bench;
    readonly Socket _listener;
    readonly CounterSnapshot _before;
    readonly List<SocketOutcome> _peer = [];

    internal CloseExperiment(CloseBench bench, string recording)
    {
        _bench = bench;
        _listener = bench.Listen();
        try
        {
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            Wire = bench.Capture(recording, Port);
            _before = bench.Counters();
        }
        catch
        {
            Wire?.Dispose();
            _listener.Dispose();
            throw;
        }
    }

    /// <summary>The recording name, e.g. <c>02-abort</c>.</summary>
    public string Name => Wire.Name;

    /// <summary>The server's port (a fresh one per experiment, so socket tables do not mix).</summary>
    public int Port { get; }

    /// <summary>The packets: live, or the recording when capture is not permitted.</summary>
    public WireCapture Wire { get; }

    /// <summary>True when the bench is a private namespace, so <see cref="Counters"/> holds only this experiment's traffic.</summary>
    public bool CountersArePrivate => _bench.IsPrivate;

    /// <summary>How the counters moved during the experiment (null until it is disposed).</summary>
    public CounterDelta? Counters { get; private set; }

    /// <summary>The socket table on <see cref="Port"/> after everything was closed (empty until disposed).</summary>
    public IReadOnlyList<SocketEntry> SocketsAfter { get; private set; } = [];

    /// <summary>What the client's calls returned, in order, as recorded by <see cref="PeerSaw"/>.</summary>
    public IReadOnlyList<SocketOutcome> PeerCalls => _peer;

    /// <summary>A client connected to the experiment's server port.</summary>
    public Socket Connect() => _bench.Connect(Port);

    /// <summary>The server's side of the next connection (throws <see cref="TimeoutException"/> if none arrives in 2 s).</summary>
    public Socket Accept() => Lab.Accept(_listener);

    /// <summary>The socket table on <see cref="Port"/> now, e.g. to see Recv-Q before a close.</summary>
    public IReadOnlyList<SocketEntry> Sockets() => _bench.Sockets(Port);

    /// <summary>The socket table on <see cref="Port"/> as soon as one of its rows meets <paramref name="condition"/>, e.g. a side in FIN-WAIT-2; after <paramref name="timeout"/> (default 1 s, at most 10 s) the table as it is then.</summary>
    public IReadOnlyList<SocketEntry> SocketsWhen(Func<SocketEntry, bool> condition, TimeSpan? timeout = null)
    {
        Guard.NotNull(condition);
        return _bench.SocketsWhen(Port, sockets => sockets.Any(condition), timeout ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>Records what the peer's calls returned; returns them for display.</summary>
    public IReadOnlyList<SocketOutcome> PeerSaw(params SocketOutcome[] calls)
    {
        Guard.NotNull(calls);
        _peer.AddRange(calls);
        return calls;
    }

    /// <summary>Stops the capture (it waits for late segments), closes the listener, reads the socket table once the closes finished, takes the counters.</summary>
    public void Dispose()
    {
        if (Counters is not null)
            return;
        Wire.Dispose();
        _listener.Dispose();
        SocketsAfter = Settled();
        Counters = _before.To(_bench.Counters());
    }

    // Under load the kernel may finish a close a moment after close() returned: wait (at most 1 s) until no
    // socket on the port is still half-way through closing, so the table shows where each side ended up.
    IReadOnlyList<SocketEntry> Settled()
    {
        return _bench.SocketsWhen(Port, sockets => !sockets.Any(s => Experiment.IsClosing(s.State)), TimeSpan.FromSeconds(1));
    }
}
