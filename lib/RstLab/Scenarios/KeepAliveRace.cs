using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>The keep-alive race, made deterministic: a request and its response, a short idle, the server closes the pooled connection (its keep-alive timeout), and the client, not having noticed the FIN, sends its next request; the server's kernel answers it with a reset.</summary>
/// <remarks>Needs root (a private network namespace with its own loopback). With <c>RSTLAB_RECORD</c> set to a folder the capture is saved there as <c>diagnose/keepalive-race.pcap</c>.</remarks>
public static class KeepAliveRace
{
    /// <summary>The recording this experiment makes and falls back to: <c>data/diagnose/keepalive-race.pcap</c>, part of the diagnosis corpus.</summary>
    public const string Recording = "diagnose/keepalive-race";

    /// <summary>The server's port, inside the private namespace.</summary>
    public const int Port = 8080;

    /// <summary>Runs the experiment; returns the capture and what the client's send after the reset returned.</summary>
    /// <exception cref="NamespaceUnavailableException">Namespaces are not available here; the message says why.</exception>
    public static (IReadOnlyList<Frame> Frames, SocketError SendAfterReset) Run()
    {
        var (wire, afterReset) = Make();
        return (wire.Frames, afterReset);
    }

    /// <summary>Runs the experiment and returns its capture; where namespaces or nft are not available, the recording <see cref="Recording"/> with a sentence saying why.</summary>
    public static WireCapture Capture() => ScenarioCapture.LiveOrRecorded(Recording, () => Make().Wire);

    static (WireCapture Wire, SocketError SendAfterReset) Make()
    {
        using var host = NetworkNamespace.Create();
        using var wire = WireCapture.Start(Recording, "lo", begin => host.Run(begin), Port);
        if (!wire.IsLive)
            throw new NamespaceUnavailableException($"No live capture in the namespace: {wire.Unavailable}");
        using var server = new LabHost("server", IPAddress.Loopback, host);
        using var client = new LabHost("client", IPAddress.Loopback, host);
        var listener = server.Listen(Port);
        var (pooled, accepted) = Exchange.RequestResponse(client, server, listener, IPAddress.Loopback, Port, "GET /1", "200 OK");

        Thread.Sleep(300);
        accepted.Close();
        // The pool hands out the idle connection without reading it: the FIN sits unread in its receive buffer.
        pooled.Send("GET /2"u8);
        Thread.Sleep(100);
        var afterReset = SocketOutcome.Of("send", () => pooled.Send("GET /3"u8)).Error;
        wire.Dispose();
        return (wire, afterReset);
    }
}
