using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Diagnosis;

/// <summary>From a reset's signs to its likely causes, ranked; the rules follow <c>RESETS.md</c>'s table of signs.</summary>
internal static class ResetCauses
{
    public static IReadOnlyList<CauseCandidate> Rank(PendingReset p)
    {
        var idle = p.IdleSeconds >= ResetDiagnoser.IdleGapSeconds;
        (ResetCause, double)[] ranked = p switch
        {
            { Acceptance: ResetAcceptance.Ignored or ResetAcceptance.ChallengeAck } =>
                [(ResetCause.UnacceptableReset, .75), (ResetCause.FirewallReject, .25)],
            { Before: ResetPrecedent.Syn, Shape: ResetShape.Middlebox } =>
                [(ResetCause.FirewallReject, .85), (ResetCause.NoListener, .15)],
            { Before: ResetPrecedent.Syn } =>
                [(ResetCause.NoListener, .8), (ResetCause.FirewallReject, .2)],
            { Shape: ResetShape.Middlebox } when idle =>
                [(ResetCause.MiddleboxIdleTimeout, .7), (ResetCause.FirewallReject, .3)],
            { Shape: ResetShape.Middlebox } =>
                [(ResetCause.FirewallReject, .75), (ResetCause.MiddleboxIdleTimeout, .15), (ResetCause.PeerLostConnection, .1)],
            { Shape: ResetShape.Stack, SenderHadClosed: true, DataBothWaysBeforeClose: true } =>
                [(ResetCause.KeepAliveRace, .7), (ResetCause.PeerClosed, .3)],
            { Shape: ResetShape.Stack, SenderHadClosed: true } =>
                [(ResetCause.PeerClosed, .8), (ResetCause.KeepAliveRace, .2)],
            { Shape: ResetShape.Stack, SenderSentOnlySynAck: true } =>
                [(ResetCause.AcceptQueueOverflow, .6), (ResetCause.PeerLostConnection, .3), (ResetCause.FirewallReject, .1)],
            { Shape: ResetShape.Stack } when idle =>
                [(ResetCause.MiddleboxIdleTimeout, .5), (ResetCause.PeerLostConnection, .4), (ResetCause.FirewallReject, .1)],
            { Shape: ResetShape.Stack } =>
                [(ResetCause.PeerLostConnection, .75), (ResetCause.FirewallReject, .15), (ResetCause.MiddleboxIdleTimeout, .1)],
            { SenderProbes: > 0 } =>
                [(ResetCause.KeepaliveTimeout, .8), (ResetCause.AbortiveClose, .2)],
            { InBurst: true } =>
                [(ResetCause.ListenerClosed, .7), (ResetCause.AbortiveClose, .3)],
            { FromOriginator: false, SenderSentData: false } =>
                [(ResetCause.AbortiveClose, .75), (ResetCause.ListenerClosed, .25)],
            _ =>
                [(ResetCause.AbortiveClose, .9), (ResetCause.KeepaliveTimeout, .1)],
        };
        return ranked.Select(r => new CauseCandidate(r.Item1, r.Item2)).ToList();
    }

    public static string Explain(PendingReset p, CauseInfo info, Errno? error)
    {
        var who = p.FromOriginator ? "the originator" : "the responder";
        var answered = p.Answers is null ? "it is the first segment of its connection in the capture"
            : $"it answers {Describe(p.Before)} ([{p.Answers.FlagsText}] seq {p.Answers.Sequence}" + (p.Answers.Flags.HasFlag(TcpFlags.Ack) ? $", ack {p.Answers.Acknowledgment}" : "") + ")";
        var built = p.Shape switch
        {
            ResetShape.Socket => "built by a socket",
            ResetShape.Stack => "built by the stack without a socket",
            _ => "built by something on the path, not the host it claims to come from",
        };
        var numbers = p.Numbers switch
        {
            NumbersCheck.NoConnectionRule => $"its numbers follow RFC 9293 §3.10.7.1 ({p.Expected})",
            NumbersCheck.AbortRule => "seq = the sender's snd.nxt, as an abort sends",
            NumbersCheck.Breaks => p.Expected is null ? "its numbers follow no rule" : $"its numbers follow no rule (§3.10.7.1 would give {p.Expected})",
            _ => "its numbers cannot be checked",
        };
        var effect = p.Acceptance switch
        {
            ResetAcceptance.Accepted => "the receiver accepts it",
            ResetAcceptance.ChallengeAck => "the receiver answers with a challenge ACK (RFC 5961) and keeps the connection",
            ResetAcceptance.Ignored => "the receiver ignores it (out of window)",
            _ => "the receiver's state is not in the capture",
        };
        var app = error == Errno.ECONNREFUSED ? "; its application's connect() fails with ECONNREFUSED"
            : error == Errno.EPIPE ? "; its application read 0 (the FIN) and its next write fails with EPIPE"
            : error == Errno.ECONNRESET ? "; its application's next call fails with ECONNRESET"
            : "";
        return $"Most likely {info.Meaning}. The reset came from {who}, {built}; {answered}; {numbers}; {effect}{app}.";
    }

    static string Describe(ResetPrecedent before) => before switch
    {
        ResetPrecedent.Syn => "a SYN",
        ResetPrecedent.HandshakeAck => "the handshake's last ACK",
        ResetPrecedent.PeerData => "data from the peer",
        ResetPrecedent.DataAfterClose => "data that came after the sender had closed",
        ResetPrecedent.PeerFin => "the peer's FIN",
        ResetPrecedent.PeerAck => "an ACK",
        ResetPrecedent.KeepaliveProbe => "a keepalive probe",
        ResetPrecedent.UnansweredProbes => "the peer's last segment, after the sender's keepalive probes went unanswered",
        ResetPrecedent.IdleGap => "a segment sent after a long idle gap",
        _ => "nothing",
    };
}
