using System.Diagnostics;
using System.Net.Sockets;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>How many bytes <c>write()</c> accepts before it would block, against <c>SO_SNDBUF</c> and the peer's <c>SO_RCVBUF</c>: non-blocking writes to a peer that never reads, on 127.0.0.1.</summary>
public static class SendBufferSweep
{
    /// <summary>The article's chunk: 5000 bytes per write call.</summary>
    public const int ArticleChunk = 5000;

    /// <summary>The largest chunk a write may offer here (1 MiB); anything larger says more about the caller than about the kernel.</summary>
    public const int MaxChunk = 1 << 20;

    /// <summary>No write accepted for this long ends a measurement: longer than Linux's 40 ms minimum delayed-ACK timer, so the last acknowledgments are in.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    /// <summary>A measurement never runs longer than this; a peer that keeps taking data would otherwise never plateau.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Writes <paramref name="chunk"/>-byte chunks, non-blocking, to a peer that never reads, until the kernel accepts nothing more; the sockets are closed afterwards.</summary>
    /// <param name="sendBuffer">The client's <c>SO_SNDBUF</c> request (null: leave it to autotuning).</param>
    /// <param name="receiveBuffer">The server's <c>SO_RCVBUF</c> request (null: the default).</param>
    /// <param name="chunk">Bytes per write call (1 to 1 MiB).</param>
    public static SendBufferFill Fill(int? sendBuffer = null, int? receiveBuffer = null, int chunk = ArticleChunk)
    {
        var limits = BufferLimits.Read();
        Validate(sendBuffer, limits.WmemMax, "sendBuffer", "SO_SNDBUF", "net.core.wmem_max");
        Validate(receiveBuffer, limits.RmemMax, "receiveBuffer", "SO_RCVBUF", "net.core.rmem_max");
        Guard.InRange(chunk, 1, MaxChunk, "A chunk is bytes per write; the article wrote 5000 at a time.");

        using var pair = OneConnection.Listen(receiveBuffer).Connect(sendBuffer);
        var client = pair.Client!;
        var server = pair.Server!;
        var effectiveSend = client.SendBufferSize;
        client.Blocking = false;
        var data = new byte[chunk];
        var cumulative = new List<long>();
        var calls = new List<long>();
        long total = 0;
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        while (clock.Elapsed < Deadline)
        {
            var sent = client.Send(data, 0, chunk, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                cumulative.Add(total += sent);
                calls.Add(total);
                lastProgress = clock.Elapsed;
                continue;
            }
            if (error != SocketError.WouldBlock)
                throw new SocketException((int)error);
            calls.Add(total);
            if (clock.Elapsed - lastProgress >= Quiet)
                break;
            // Wakes as soon as an acknowledgment frees room; a write may fit even while poll says "not writable" (it wants a third free), so retry either way.
            if (client.Poll(TimeSpan.FromMilliseconds(10), SelectMode.SelectWrite))
                Thread.Sleep(1);
        }
        var elapsed = clock.Elapsed;
        var rows = SocketTable.Read(pair.Port);
        return new SendBufferFill(
            chunk, sendBuffer, receiveBuffer, effectiveSend, client.SendBufferSize, server.ReceiveBufferSize, cumulative, calls,
            rows.FirstOrDefault(r => r.Local.Port == pair.ClientPort),
            rows.FirstOrDefault(r => r.Local.Port == pair.Port && r.Remote.Port == pair.ClientPort),
            elapsed);
    }

    /// <summary>One <see cref="Fill"/> per requested <c>SO_SNDBUF</c>, the peer's receive buffer fixed at <paramref name="receiveBuffer"/>.</summary>
    public static IReadOnlyList<SendBufferFill> OverSendBuffer(IEnumerable<int> sizes, int? receiveBuffer = null, int chunk = ArticleChunk) =>
        Sizes(sizes, BufferLimits.Read().WmemMax, "SO_SNDBUF", "net.core.wmem_max").Select(s => Fill(s, receiveBuffer, chunk)).ToList();

    /// <summary>One <see cref="Fill"/> per requested <c>SO_RCVBUF</c> at the peer, the client's send buffer fixed at <paramref name="sendBuffer"/>.</summary>
    public static IReadOnlyList<SendBufferFill> OverReceiveBuffer(IEnumerable<int> sizes, int? sendBuffer = null, int chunk = ArticleChunk) =>
        Sizes(sizes, BufferLimits.Read().RmemMax, "SO_RCVBUF", "net.core.rmem_max").Select(s => Fill(sendBuffer, s, chunk)).ToList();

    static IReadOnlyList<int> Sizes(IEnumerable<int> sizes, long max, string option, string sysctl)
    {
        Guard.NotNull(sizes);
        var list = sizes.ToList();
        if (list.Count == 0)
            throw new LabArgumentException("Name at least one buffer size to sweep.", nameof(sizes));
        // Validate all first: a bad size at the end should not cost the learner the whole sweep's time.
        foreach (var s in list)
            Validate(s, max, nameof(sizes), option, sysctl);
        return list;
    }

    internal static void Validate(int? size, long max, string parameter, string option, string sysctl)
    {
        if (size is not int s)
            return;
        if (s <= 0)
            throw Guard.Fail(parameter, $"{parameter} must be a positive number of bytes ({option}); got {s}. Pass null to leave it to the kernel.");
        if (s > max)
            throw Guard.Fail(parameter, $"{option} {s} is above {sysctl} ({max}): the kernel would silently use {max} instead. Request at most {max}, or raise {sysctl}.");
    }
}
