using System.Net;
using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>The article's advice: learn that the peer is gone without writing, by asking whether the socket is readable (<c>select</c>; here <c>Socket.Poll</c> and <c>Socket.Select</c>).</summary>
public static class DeadPeerDetection
{
    /// <summary>Two idle connections on 127.0.0.1: one peer closes normally (FIN), the other closes with 5 unread bytes (its kernel sends RST); both are polled before and after, selected on together, then read.</summary>
    /// <param name="wait">How long <c>Select</c> may wait for the sockets to become readable (100 ms to 10 s).</param>
    public static IReadOnlyList<DeadPeerWatch> Run(TimeSpan? wait = null)
    {
        var timeout = wait ?? TimeSpan.FromSeconds(1);
        if (timeout < TimeSpan.FromMilliseconds(100) || timeout > TimeSpan.FromSeconds(10))
            throw Guard.Fail(nameof(wait), $"wait must be 100 ms to 10 s; got {timeout.TotalMilliseconds:0.###} ms. On loopback the FIN and the RST arrive within microseconds.");
        using var finPair = OneConnection.Listen().Connect();
        using var rstPair = OneConnection.Listen().Connect();
        var (fin, rst) = (finPair.Client!, rstPair.Client!);
        rst.Send("hello"u8);
        var deadline = DateTime.UtcNow + timeout;
        while (rstPair.Server!.Available < 5 && DateTime.UtcNow < deadline)
            Thread.Sleep(1);
        var before = (fin.Poll(TimeSpan.Zero, SelectMode.SelectRead), rst.Poll(TimeSpan.Zero, SelectMode.SelectRead));

        finPair.Server!.Close();   // nothing unread: FIN
        rstPair.Server.Close();    // 5 bytes unread: RST
        var readable = new List<Socket> { fin, rst };
        Socket.Select(readable, null, null, timeout);
        return
        [
            Watch("peer closed: FIN", fin, before.Item1, readable.Contains(fin)),
            Watch("peer closed with unread data: RST", rst, before.Item2, readable.Contains(rst)),
        ];
    }

    static DeadPeerWatch Watch(string peer, Socket socket, bool before, bool selected)
    {
        var after = socket.Poll(TimeSpan.Zero, SelectMode.SelectRead);
        var receive = SocketOutcome.Of("recv()", () => socket.Receive(new byte[64]), () => socket.LocalEndPoint as IPEndPoint);
        return new DeadPeerWatch(peer, before, selected, after, receive);
    }
}
