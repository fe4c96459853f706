using RstLab.Diagnosis;
using RstLab.Sockets;

namespace RstLab.Exercises;

/// <summary>Every exercise of the course, in order: its task, hints and explanation, and the learner's cell it lives in.</summary>
public static class ExerciseCatalog
{
    /// <summary>The exercises, notebook by notebook.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("01.1", "01-no-listener", ExerciseKind.Predict,
            "Predict the flags of the server's answer to the client's SYN, e.g. TcpFlags.SynAck.",
            "Nobody listens on the port, so no socket on the server will complete a handshake: what does a kernel send " +
            "for a segment that belongs to no connection?",
            "RFC 9293 §3.10.7.1: a segment for no connection is answered with a reset; the SYN carried no ACK, so the " +
            "reset carries one (ack = ISN + 1).",
            "[R.]: RST with ACK. No socket matched the SYN, so the server's kernel answered on its own; the SYN had no ACK, " +
            "so the reset has seq 0 and acknowledges the SYN (ack = ISN + 1), which is why its ACK flag is set.")
        { Cell = "952df233" },
        new("01.2", "01-no-listener", ExerciseKind.Change,
            "Change one line so that the client's connect() succeeds.",
            "connect() is refused because no socket listens on the port: the cell opens none.",
            "Lab.Listen(port) opens a listening socket on 127.0.0.1: give `server` one on knock.Port instead of null.",
            "With a socket in LISTEN on the port the server's kernel answers the SYN with [S.] and connect() returns: " +
            "the refusal was never the client's doing, only the absence of a listener.")
        { Cell = "b3619ccd" },
        new("01.3", "01-no-listener", ExerciseKind.Diagnose,
            "Which condition reset this client, which side sent the RST, what errno did the client get, and why does the " +
            "RST carry these seq/ack?",
            "Follow the connection that has an R: did its handshake ever complete?",
            "Its SYN was answered by [R.] with seq 0 and ack = the SYN's seq + 1: the answer RFC 9293 gives for a SYN that " +
            "reached no socket; connect() then fails.",
            "The first connection completed its handshake on a port with a listener; the second SYN went to a port without " +
            "one, and the server's kernel answered it with [R.] (seq 0, ack = ISN + 1), so connect() failed with ECONNREFUSED.")
        {
            Cell = "17f3b73a", Recording = "exercises/01-two-ports",
            Truth = new(ResetCause.NoListener, Side.Server, Errno.ECONNREFUSED, SeqAck.AnswerToSyn),
        },
        new("02.1", "02-abort", ExerciseKind.Predict,
            "Predict what the client's send() returns after the server's abort, once its recv() has reported the reset, " +
            "e.g. Errno.ECONNRESET.",
            "The first call after a RST reports the reset, once. What is left of the connection for the next call to write to?",
            "The connection no longer exists: writing to a socket whose connection is gone is a broken pipe (.NET: " +
            "SocketError.Shutdown).",
            "= -1 EPIPE. The RST closed the connection and recv() took its error (ECONNRESET, reported once); the next send() " +
            "finds a socket that can no longer send: EPIPE (32), and nothing crosses the wire.")
        { Cell = "47539aee" },
        new("02.2", "02-abort", ExerciseKind.Change,
            "Change one thing so that this server closes gracefully: FIN, no RST.",
            "Which line makes close() abort instead of sending a FIN?",
            "SO_LINGER {on, 0} turns close() into an abort: without it (or with linger off) close() sends a FIN. Keep the " +
            "server's Receive: unread data would abort the close too.",
            "Without SO_LINGER {on, 0}, and with the hello read, close() has nothing to throw away: the kernel sends a FIN, " +
            "the client's recv() returns 0, and the server, which closed first, waits in TIME-WAIT.")
        { Cell = "c7fc4bf9" },
        new("02.3", "02-abort", ExerciseKind.Diagnose,
            "Which condition reset this client, which side sent the RST, what errno did the client get, and why does the " +
            "RST carry these seq/ack?",
            "Look at the RST's ack: which of the client's bytes does it acknowledge, and had the server answered them all?",
            "The server answered the first request and closed with the second still unread: close() with unread data aborts " +
            "(RFC 2525 §2.17); the RST carries the server's own snd.nxt and rcv.nxt, and the client's next recv() reports it.",
            "The server's application read one request, answered it, and closed with the second unread in its receive buffer; " +
            "its kernel aborted with [R.], seq = snd.nxt and ack = rcv.nxt (covering the unread bytes), and the client's " +
            "recv() failed with ECONNRESET.")
        {
            Cell = "9db8f60b", Recording = "exercises/02-two-requests",
            Truth = new(ResetCause.AbortiveClose, Side.Server, Errno.ECONNRESET, SeqAck.SendersOwnState),
        },
        new("03.1", "03-closed-peer", ExerciseKind.Predict,
            "Predict how many bytes write() accepts, to a peer that never reads, with SO_SNDBUF 65536: a range, the larger " +
            "number at most twice the smaller.",
            "Linux doubles SO_SNDBUF, and every accepted byte waits in one of two queues: which ones?",
            "The client's Send-Q holds about 2 × 65536 = 131072 bytes (a little more: the kernel checks for room before it " +
            "queues), and the peer's Recv-Q holds what its receive buffer took before its window closed: add the two.",
            "The bytes accepted are Send-Q + Recv-Q: about twice SO_SNDBUF unacknowledged in the client's kernel, plus what " +
            "the peer's kernel acknowledged and holds for an application that never reads.")
        { Cell = "58d9b73e" },
        new("03.2", "03-closed-peer", ExerciseKind.Change,
            "Change one line so that the client's second write succeeds too.",
            "Write #2 fails because write #1 drew a RST: why did the server's kernel answer the data with a reset?",
            "Data that reaches a socket whose application has closed is answered with RST. Keep the server's socket open " +
            "(do not close it) and both writes are accepted.",
            "With the server's socket open the data has a home: its kernel acknowledges the bytes and queues them for an " +
            "application that may still read, so no RST comes back and write #2 is accepted like write #1.")
        { Cell = "fc2b60a3" },
        new("03.3", "03-closed-peer", ExerciseKind.Diagnose,
            "Which condition reset this client, which side sent the RST, what errno did the client's next call get, and " +
            "why does the RST carry these seq/ack?",
            "Before the RST, who sent a FIN, and did the client read it? What did the client do after that?",
            "The server said goodbye and closed (FIN); the client wrote anyway, into a connection whose other end had no " +
            "application any more. The RST answers that data, which carried an ACK.",
            "The server sent its line and closed; the client read it and the FIN, then wrote again. The server's kernel " +
            "answered the data with a bare [R] whose seq is the data's ACK (no ACK flag), and the RST reached the client in " +
            "CLOSE-WAIT, so its next write failed with EPIPE.")
        {
            Cell = "4e1936fa", Recording = "exercises/03-goodbye",
            Truth = new(ResetCause.PeerClosed, Side.Server, Errno.EPIPE, SeqAck.FromTheSegmentsAck),
        },
        new("04.1", "04-rebooted-peer", ExerciseKind.Predict,
            "Predict what the client's write returns once the rebooted host's reset has arrived (the write after Poll), " +
            "e.g. Errno.EPIPE.",
            "The client's socket was still ESTABLISHED when the reset arrived: no FIN had come from the crashed host. " +
            "Which error does a RST leave on an ESTABLISHED socket?",
            "Linux sets the error when the RST arrives (tcp_reset()): ECONNREFUSED in SYN-SENT, EPIPE in CLOSE-WAIT, " +
            "ECONNRESET in any other state; the next call reports it, once.",
            "= -1 ECONNRESET. The crashed host sent no FIN, so the client's socket was ESTABLISHED when the reset came: " +
            "the kernel stored ECONNRESET (104; 54 on macOS) and the next write reported it; the one after that got EPIPE.")
        { Cell = "3a1e5c07" },
        new("04.2", "04-rebooted-peer", ExerciseKind.Change,
            "Change one thing so that the waiting client learns of the reboot within 3 s, without writing.",
            "Keepalive is on, yet nothing is sent while the client waits: when does the kernel send its first probe?",
            "TCP_KEEPIDLE is the silence, in seconds, before the first probe: 7200, Linux's default, is two hours. " +
            "Make it shorter than the 3 s the client waits.",
            "With TCP_KEEPIDLE 1 the client's kernel probes after a second of silence; the rebooted host, which knows no " +
            "such connection, answers the probe with [R], the socket becomes readable, and recv() fails with ECONNRESET: " +
            "found without a single write.")
        { Cell = "b7d40e92" },
        new("04.3", "04-rebooted-peer", ExerciseKind.Diagnose,
            "Which condition reset this client, which side sent the RST, what errno did the client get, and why does the " +
            "RST carry these seq/ack?",
            "Before the RST, did anything from the server say goodbye (a FIN) or abort (a RST with its own numbers)?",
            "The server answered the first request, then sent nothing at all: no FIN, no RST, as when a host crashes. " +
            "Its kernel answered the next request as a segment for no connection: seq = that segment's ACK.",
            "The server's socket vanished without a segment (TCP_REPAIR, like a crashed host); the client's second request " +
            "reached a kernel that knew no such connection, which answered with a bare [R] whose seq is the request's ACK, " +
            "and the client's recv() failed with ECONNRESET, its socket still ESTABLISHED.")
        {
            Cell = "e2c9f4a1", Recording = "exercises/04-second-request",
            Truth = new(ResetCause.PeerLostConnection, Side.Server, Errno.ECONNRESET, SeqAck.FromTheSegmentsAck),
        },
    ];

    /// <summary>The exercise numbered <paramref name="id"/>; a clear message naming the others when there is none.</summary>
    public static Exercise Find(string id) => Find(id, nameof(id));

    // name: the caller's parameter, so a refusal names what the learner wrote.
    internal static Exercise Find(string id, string name)
    {
        Guard.NotBlank(id, name);
        return All.FirstOrDefault(e => e.Id == id) ?? throw new LabArgumentException(
            $"There is no exercise {id}; the exercises are {string.Join(", ", All.Select(e => e.Id))}.", name);
    }

    /// <summary>The exercises of <paramref name="notebook"/> (e.g. <c>01-no-listener</c>), in order; empty for a notebook without any.</summary>
    public static IReadOnlyList<Exercise> Of(string notebook)
    {
        Guard.NotBlank(notebook);
        return All.Where(e => e.Notebook == notebook).ToList();
    }
}
