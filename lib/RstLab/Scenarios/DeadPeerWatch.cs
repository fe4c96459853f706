using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>One connection watched with <c>Poll</c>/<c>Select</c> while its peer went away: readable before? after? and what recv then returned.</summary>
/// <param name="Peer">What the peer did, e.g. "closed (FIN)".</param>
/// <param name="ReadableBefore"><c>Poll(SelectRead)</c> while the peer was still there (false: nothing to read).</param>
/// <param name="Selected">Whether <c>Socket.Select</c> over all watched connections listed this one as readable after the peer went away.</param>
/// <param name="ReadableAfter"><c>Poll(SelectRead)</c> after the peer went away.</param>
/// <param name="Receive">What recv() returned then: 0 bytes for a FIN, an error for a RST.</param>
public sealed record DeadPeerWatch(string Peer, bool ReadableBefore, bool Selected, bool ReadableAfter, SocketOutcome Receive)
{
    /// <summary>One line: what the peer did, the poll results and the recv outcome.</summary>
    public override string ToString() =>
        $"{Peer}: readable before {ReadableBefore}, select listed it {Selected}, readable after {ReadableAfter}, {Receive}";
}
