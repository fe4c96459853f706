using System.Net.Sockets;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 3a, the article's case 2, as one call: a client writes to a connection its peer has closed, and the peer's kernel answers with RST (on 127.0.0.1, uncaptured, for runs repeated with other settings).</summary>
public static class ClosedPeerWrites
{
    /// <summary>The article's experiment: the server accepts and closes at once (FIN); once the FIN is in, the client writes <paramref name="writes"/> chunks back to back, then calls recv.</summary>
    /// <param name="writes">Write calls to make (1 to 100).</param>
    /// <param name="chunk">Bytes per write (1 to 1 MiB; the article's 5000).</param>
    /// <param name="sendBuffer">The client's <c>SO_SNDBUF</c> request, or null for the default.</param>
    /// <param name="receiveAfterFirstWrite">Also call recv right after the first write, as the article's second client does (it slept a second, then read).</param>
    public static ClosedPeerRun AfterClose(int writes = 3, int chunk = SendBufferSweep.ArticleChunk, int? sendBuffer = null, bool receiveAfterFirstWrite = false)
    {
        if (writes is < 1 or > 100)
            throw Guard.Fail(nameof(writes), $"writes must be 1–100; got {writes}. The story is told in the first few write calls.");
        if (chunk is <= 0 or > SendBufferSweep.MaxChunk)
            throw Guard.Fail(nameof(chunk), $"chunk must be 1–{SendBufferSweep.MaxChunk} bytes; got {chunk}. The article wrote 5000 at a time.");
        SendBufferSweep.Validate(sendBuffer, BufferLimits.Read().WmemMax, nameof(sendBuffer), "SO_SNDBUF", "net.core.wmem_max");
        using var pair = OneConnection.Listen();
        pair.Connect(sendBuffer);
        var client = pair.Client!;
        var steps = new List<SocketOutcome>();
        pair.Server!.Close();
        // The article's client wrote after the close had settled: the FIN in, and its ACK (which the client's
        // kernel may delay by tens of ms) back at the server, whose stand-in is then in FIN-WAIT-2. Wait for
        // that, so every run tells the same story.
        client.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead);
        SocketTable.WaitFor(pair.Port, sockets => sockets.Any(s => s.State == TcpState.FinWait2), TimeSpan.FromSeconds(1));
        if (receiveAfterFirstWrite)
        {
            Write(client, steps, 1, chunk, 0);
            Receive(client, steps, chunk);
        }
        Write(client, steps, receiveAfterFirstWrite ? writes - 1 : writes, chunk, receiveAfterFirstWrite ? 1 : 0);
        Receive(client, steps, chunk);
        return new ClosedPeerRun(steps, client.SendBufferSize);
    }

    static void Write(Socket client, List<SocketOutcome> steps, int count, int chunk, int numberedFrom)
    {
        var data = new byte[chunk];
        for (var i = 1; i <= count; i++)
            steps.Add(SocketOutcome.Of($"write #{numberedFrom + i} ({chunk} bytes)", () => client.Send(data), () => client.LocalEndPoint as System.Net.IPEndPoint));
    }

    static void Receive(Socket client, List<SocketOutcome> steps, int chunk) =>
        steps.Add(SocketOutcome.Of("recv()", () => client.Receive(new byte[chunk]), () => client.LocalEndPoint as System.Net.IPEndPoint));
}
