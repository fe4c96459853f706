using System.Net;
using RstLab.Evidence;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Diagnosis;

/// <summary>Everything a capture says about one reset: who sent it, what it answered, who built it, whether its numbers are right, and why it was most likely sent.</summary>
/// <param name="Frame">1-based frame number in the capture file.</param>
/// <param name="Reset">The reset with absolute numbers.</param>
/// <param name="Originator">Who opened the connection (sent the first SYN), or the first sender when no handshake was captured.</param>
/// <param name="Responder">The other end.</param>
/// <param name="HandshakeSeen">True when the capture holds the originator's SYN.</param>
/// <param name="FromOriginator">True when the originator sent the reset.</param>
/// <param name="Answers">The receiver's last segment before the reset, or null when none was captured.</param>
/// <param name="Before">What came just before.</param>
/// <param name="IdleSeconds">Seconds of silence on the connection before the segment the reset answers (or before the reset).</param>
/// <param name="Shape">Who built it: a socket, the stack without one, or a box on the path.</param>
/// <param name="Signs">The header fields that decided <paramref name="Shape"/>, in words.</param>
/// <param name="Numbers">Whether seq and ack follow RFC 9293 for the segment it answers.</param>
/// <param name="Expected">The reset RFC 9293 §3.10.7.1 demands for <paramref name="Answers"/>, or null.</param>
/// <param name="Acceptance">What the receiver does with it (RFC 5961).</param>
/// <param name="Cause">The most likely cause.</param>
/// <param name="Confidence">How likely, from 0 to 1.</param>
/// <param name="Alternatives">The other candidates, most likely first.</param>
/// <param name="PeerError">The error the receiver's application most likely saw (Linux, macOS and Windows numbers), or null when it saw none.</param>
/// <param name="ConnState">Zeek's conn_state for the connection.</param>
/// <param name="History">Zeek's history letters for the connection (upper case: the originator).</param>
/// <param name="Explanation">The diagnosis in one or two sentences.</param>
/// <param name="Confirm">What to run on a live system to confirm the cause.</param>
public sealed record ResetDiagnosis(
    long Frame,
    TcpSegment Reset,
    IPEndPoint Originator,
    IPEndPoint Responder,
    bool HandshakeSeen,
    bool FromOriginator,
    TcpSegment? Answers,
    ResetPrecedent Before,
    double IdleSeconds,
    ResetShape Shape,
    string Signs,
    NumbersCheck Numbers,
    ExpectedSegment? Expected,
    ResetAcceptance Acceptance,
    ResetCause Cause,
    double Confidence,
    IReadOnlyList<CauseCandidate> Alternatives,
    Errno? PeerError,
    ConnState ConnState,
    string History,
    string Explanation,
    string Confirm)
{
    /// <summary>The reset's sender.</summary>
    public IPEndPoint Sender => FromOriginator ? Originator : Responder;

    /// <summary>The reset's receiver.</summary>
    public IPEndPoint Receiver => FromOriginator ? Responder : Originator;

    /// <summary>"originator" or "responder": which end sent the reset.</summary>
    public string SenderRole => FromOriginator ? "originator" : "responder";

    /// <summary>The connection as "originator → responder".</summary>
    public string Connection => $"{Originator} → {Responder}";
}
