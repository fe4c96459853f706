using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 3a, the article's case 2: a client writes to a connection its peer has closed, and the peer's kernel answers with RST.</summary>
public static class ClosedPeerWrites
{
    /// <summary>The most bytes <see cref="AfterUnreadData"/> writes before the peer closes: what fits in a default receive buffer on loopback.</summary>
    public const int MaxUnread = 65536;

    /// <summary>The article's experiment: the server accepts and closes at once (FIN); once the FIN is in, the client writes <paramref name="writes"/> chunks back to back, then calls recv.</summary>
    /// <param name="recording">Recording name for the capture (e.g. <c>03-closed-peer</c>), or null to run without capturing.</param>
    /// <param name="writes">Write calls to make (1 to 100).</param>
    /// <param name="chunk">Bytes per write (1 to 1 MiB; the article's 5000).</param>
    /// <param name="sendBuffer">The client's <c>SO_SNDBUF</c> request, or null for the default.</param>
    /// <param name="receiveAfterFirstWrite">Also call recv right after the first write, as the article's second client does (it slept a second, then read).</param>
    public static ClosedPeerRun AfterClose(string? recording, int writes = 3, int chunk = SendBufferSweep.ArticleChunk, int? sendBuffer = null, bool receiveAfterFirstWrite = false)
    {
        Validate(writes, nameof(writes), chunk);
        SendBufferSweep.Validate(sendBuffer, BufferLimits.Read().WmemMax, nameof(sendBuffer), "SO_SNDBUF", "net.core.wmem_max");
        return Run(recording, chunk, sendBuffer, (pair, steps) =>
        {
            pair.Server!.Close();
            // The article's client wrote after the close had settled: the FIN in, and its ACK (which the client's
            // kernel may delay by tens of ms) back at the server, whose stand-in is then in FIN-WAIT-2. Wait for
            // that, so every run tells the same story.
            OneConnection.WaitReadable(pair.Client!, TimeSpan.FromSeconds(1));
            var sockets = WaitForState(pair.Port, "FIN-WAIT-2", TimeSpan.FromSeconds(1));
            if (receiveAfterFirstWrite)
            {
                Write(pair.Client!, steps, 1, chunk, 0);
                Receive(pair.Client!, steps, chunk);
            }
            Write(pair.Client!, steps, receiveAfterFirstWrite ? writes - 1 : writes, chunk, receiveAfterFirstWrite ? 1 : 0);
            return (sockets, 0L);
        });
    }

    /// <summary>The contrast: the client writes <paramref name="writesBefore"/> chunks, the server application reads only <paramref name="peerReads"/> bytes and closes with the rest unread, so its kernel sends RST (no FIN) to a client still in ESTABLISHED; then the client writes <paramref name="writesAfter"/> more chunks and calls recv.</summary>
    /// <param name="recording">Recording name for the capture (e.g. <c>03-unread-data</c>), or null to run without capturing.</param>
    /// <param name="writesBefore">Chunks written while the peer is open (1 to 100).</param>
    /// <param name="peerReads">Bytes the peer application reads before closing (0 to all but one byte of what was written).</param>
    /// <param name="writesAfter">Chunks written after the RST (1 to 100).</param>
    /// <param name="chunk">Bytes per write (1 to 1 MiB).</param>
    public static ClosedPeerRun AfterUnreadData(string? recording, int writesBefore = 10, int peerReads = SendBufferSweep.ArticleChunk, int writesAfter = 3, int chunk = SendBufferSweep.ArticleChunk)
    {
        Validate(writesBefore, nameof(writesBefore), chunk);
        Validate(writesAfter, nameof(writesAfter), chunk);
        var written = (long)writesBefore * chunk;
        if (peerReads < 0 || peerReads >= written)
            throw new ArgumentOutOfRangeException(nameof(peerReads), peerReads, $"The peer reads 0 to {written - 1} bytes: some of the {written} written must stay unread, or its close sends FIN, not RST.");
        if (written > MaxUnread)
            throw new ArgumentOutOfRangeException(nameof(writesBefore), writesBefore, $"Write at most {MaxUnread} bytes before the close ({written} asked): all of it must reach the peer's receive buffer (about 90 KiB of payload by default on loopback) before it closes.");
        return Run(recording, chunk, null, (pair, steps) =>
        {
            var client = pair.Client!;
            var server = pair.Server!;
            Write(client, steps, writesBefore, chunk, 0);
            Read(server, peerReads);
            // Everything written must be in the peer's receive queue before it closes, so the close finds unread data.
            var deadline = DateTime.UtcNow.AddSeconds(1);
            while (server.Available < written - peerReads && DateTime.UtcNow < deadline)
                Thread.Sleep(1);
            var sockets = SocketTable.Read(pair.Port);
            server.Close();
            OneConnection.WaitReadable(client, TimeSpan.FromSeconds(1));
            Write(client, steps, writesAfter, chunk, writesBefore);
            return (sockets, (long)peerReads);
        });
    }

    static ClosedPeerRun Run(string? recording, int chunk, int? sendBuffer, Func<OneConnection, List<SocketOutcome>, (IReadOnlyList<SocketEntry>, long)> experiment)
    {
        using var pair = OneConnection.Listen();
        var wire = recording is null ? null : WireCapture.Start(recording, "lo", null, pair.Port);
        try
        {
            var before = CounterSnapshot.Take();
            pair.Connect(sendBuffer);
            var steps = new List<SocketOutcome>();
            var (sockets, peerRead) = experiment(pair, steps);
            var client = pair.Client!;
            Receive(client, steps, chunk);
            var sendBufferSize = client.SendBufferSize;
            var after = SocketTable.Read(pair.Port);
            client.Dispose();
            wire?.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(500));
            var counters = before.To(CounterSnapshot.Take());
            return new ClosedPeerRun(steps, sockets, after, counters, peerRead, sendBufferSize, wire);
        }
        finally
        {
            wire?.Dispose();
        }
    }

    static void Write(Socket client, List<SocketOutcome> steps, int count, int chunk, int numberedFrom)
    {
        var data = new byte[chunk];
        for (var i = 1; i <= count; i++)
            steps.Add(SocketOutcome.Of($"write #{numberedFrom + i} ({chunk} bytes)", () => client.Send(data), () => client.LocalEndPoint as System.Net.IPEndPoint));
    }

    static IReadOnlyList<SocketEntry> WaitForState(int port, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var sockets = SocketTable.Read(port);
        while (!sockets.Any(s => s.State == state) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(1);
            sockets = SocketTable.Read(port);
        }
        return sockets;
    }

    static void Receive(Socket client, List<SocketOutcome> steps, int chunk) =>
        steps.Add(SocketOutcome.Of("recv()", () => client.Receive(new byte[chunk]), () => client.LocalEndPoint as System.Net.IPEndPoint));

    static void Read(Socket server, int bytes)
    {
        var buffer = new byte[Math.Max(bytes, 1)];
        for (var read = 0; read < bytes;)
        {
            var n = server.Receive(buffer, read, bytes - read, SocketFlags.None);
            if (n == 0)
                throw new InvalidOperationException($"The client closed after {read} of the {bytes} bytes the server meant to read.");
            read += n;
        }
    }

    static void Validate(int writes, string parameter, int chunk)
    {
        if (writes is < 1 or > 100)
            throw new ArgumentOutOfRangeException(parameter, writes, "Make 1 to 100 write calls: the story is told in the first few.");
        if (chunk is <= 0 or > SendBufferSweep.MaxChunk)
            throw new ArgumentOutOfRangeException(nameof(chunk), chunk, $"A chunk is 1 to {SendBufferSweep.MaxChunk} bytes (the article wrote 5000 at a time).");
    }
}
