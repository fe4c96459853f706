using RstLab.Packets;

namespace RstLab.Diagnosis;

/// <summary>What one end of a connection has sent so far.</summary>
internal sealed class SideState
{
    public UInt128 Address;
    public ushort Port;
    public WireHeaders Last;
    public DateTimeOffset LastTime;
    public bool HasSent, SentSyn, SentSynAck, SentFin, SentRst, SentAfterHandshake, LastWasProbe, DataBothWaysAtFin;
    public uint Isn;
    public uint? NextSequence;
    public uint? LastAck;
    public ushort LastWindow;
    public byte? WindowScale;
    public long DataBytes;
    public int UnansweredProbes;
    public string Letters = "";

    public bool Owns(in WireHeaders h) => h.Source == Address && h.SourcePort == Port;
}
