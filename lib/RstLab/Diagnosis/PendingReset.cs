using RstLab.Evidence;
using RstLab.Packets;

namespace RstLab.Diagnosis;

/// <summary>A reset seen, held for a moment so that what follows it (more resets from the same listener, the connection's end) can count.</summary>
internal sealed class PendingReset
{
    public required long Frame;
    public required DateTimeOffset Time;
    public required WireHeaders Reset;
    public required TrackedConnection Connection;
    public required bool FromOriginator;
    public required TcpSegment? Answers;
    public required ResetPrecedent Before;
    public required double IdleSeconds;
    public required ResetShape Shape;
    public required string Signs;
    public required NumbersCheck Numbers;
    public required ExpectedSegment? Expected;
    public required ResetAcceptance Acceptance;
    public required bool SenderHadClosed;
    public required bool SenderSentData;
    public required bool SenderSentOnlySynAck;
    public required bool DataBothWaysBeforeClose;
    public required int SenderProbes;
    public bool InBurst;
}
