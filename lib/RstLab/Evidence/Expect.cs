using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Evidence;

/// <summary>Expected values for claims and calls, read aloud: <c>Expect.FromServer(TcpFlags.RstAck, seq: 0, ack: 1)</c>, <c>Expect.Fails(Errno.EPIPE)</c>, <c>Expect.Moved("OutRsts", 1)</c>.</summary>
public static class Expect
{
    /// <summary>A segment from the client; omitted numbers match anything.</summary>
    public static ExpectedSegment FromClient(TcpFlags flags, long? seq = null, long? ack = null, int? len = null) =>
        new(true, flags) { Seq = seq, Ack = ack, Length = len };

    /// <summary>A segment from the server; omitted numbers match anything.</summary>
    public static ExpectedSegment FromServer(TcpFlags flags, long? seq = null, long? ack = null, int? len = null) =>
        new(false, flags) { Seq = seq, Ack = ack, Length = len };

    /// <summary>The three-way handshake as a table shows it: <c>S</c> seq 0, <c>S.</c> seq 0 ack 1, <c>.</c> seq 1 ack 1.</summary>
    public static ExpectedSegments Handshake { get; } = new(
    [
        new(true, TcpFlags.Syn) { Seq = 0 },
        new(false, TcpFlags.SynAck) { Seq = 0, Ack = 1 },
        new(true, TcpFlags.Ack) { Seq = 1, Ack = 1 },
    ]);

    /// <summary>No segment: <c>packets.Rsts</c> with <c>Expect.None</c> says "no RST", and prints any there is.</summary>
    public static ExpectedNone None { get; } = new();

    /// <summary>Exactly these segments, in this order.</summary>
    public static ExpectedSegments Segments(params ExpectedSegment[] segments)
    {
        Guard.NotNull(segments);
        if (segments.Length == 0)
            throw new LabArgumentException("Expect at least one segment.", nameof(segments));
        return new ExpectedSegments(segments);
    }

    /// <summary>A call that returns <paramref name="value"/>: <c>= 5000</c>.</summary>
    public static ExpectedResult Returns(long value) => new(value, null);

    /// <summary>A call that succeeds, whatever it returns: <c>= ok</c>.</summary>
    public static ExpectedResult Ok { get; } = new(null, null);

    /// <summary>A call that fails with <paramref name="errno"/>: <c>= -1 EPIPE</c>.</summary>
    public static ExpectedResult Fails(Errno errno) => new(null, Guard.NotNull(errno));

    /// <summary>Calls that returned exactly these results, in this order: <c>Expect.Calls(Expect.Returns(5000), Expect.Fails(Errno.EPIPE))</c>.</summary>
    public static ExpectedCalls Calls(params ExpectedResult[] results)
    {
        Guard.NotNull(results);
        if (results.Length == 0)
            throw new LabArgumentException("Expect at least one call result.", nameof(results));
        return new ExpectedCalls(results);
    }

    /// <summary>Several expectations on the same evidence, all of which must hold: <c>Expect.All(Expect.Moved("OutRsts", 1), Expect.Moved("EstabResets", 2))</c>.</summary>
    public static ExpectedAll<T> All<T>(params IExpectation<T>[] parts)
    {
        Guard.NotNull(parts);
        if (parts.Length == 0 || parts.Any(p => p is null))
            throw new LabArgumentException("Give at least one expectation to combine.", nameof(parts));
        return new ExpectedAll<T>(parts);
    }

    /// <summary>A counter that moves by <paramref name="by"/>: exactly in a private namespace, at least on the shared stack.</summary>
    public static ExpectedMove Moved(string counter, long by)
    {
        Guard.NotBlank(counter);
        Guard.InRange(by, 0, long.MaxValue, "A counter only grows: expect a move of 0 or more.");
        return new ExpectedMove([counter], by);
    }

    /// <summary>Counters that each move at least once, wherever the experiment ran (for moves whose size depends on timing).</summary>
    public static ExpectedMove Moved(params string[] counters)
    {
        Guard.NotNull(counters);
        if (counters.Length == 0 || counters.Any(string.IsNullOrWhiteSpace))
            throw new LabArgumentException("Name the counters that should move, e.g. Expect.Moved(\"OutRsts\").", nameof(counters));
        return new ExpectedMove(counters, null);
    }

    /// <summary>Counters that each move by their own amount (<c>("OutRsts", 1), ("TCPAbortOnData", 0)</c>): exactly in a private namespace, at least on the shared stack.</summary>
    public static ExpectedMoves Moved(params (string Counter, long By)[] moves)
    {
        Guard.NotNull(moves);
        if (moves.Length == 0)
            throw new LabArgumentException("Name the counters and their moves, e.g. Expect.Moved((\"OutRsts\", 1)).", nameof(moves));
        return new ExpectedMoves(moves.Select(m => Moved(m.Counter, m.By)).ToList());
    }

    /// <summary>A socket in <paramref name="state"/>; with <paramref name="port"/> on that local port, with <paramref name="remotePort"/> connected to that port, with <paramref name="receiveQueue"/> bytes in its Recv-Q.</summary>
    public static ExpectedState State(TcpState state, int? port = null, int? remotePort = null, long? receiveQueue = null)
    {
        if (port is int local) Guard.Port(local, nameof(port));
        if (remotePort is int remote) Guard.Port(remote, nameof(remotePort));
        if (receiveQueue is long queue) Guard.InRange(queue, 0, long.MaxValue, "A Recv-Q holds 0 bytes or more.");
        return new(state, port, remotePort) { ReceiveQueue = receiveQueue };
    }

    /// <summary>A value the observed one must equal.</summary>
    public static ExpectedValue<T> Equal<T>(T value) => new(value);
}
