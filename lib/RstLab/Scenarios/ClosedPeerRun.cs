using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>What the client's calls returned after its peer closed.</summary>
/// <param name="Steps">The client's calls in order: each write (bytes accepted, or the error) and the final recv.</param>
/// <param name="SendBuffer">The client's effective <c>SO_SNDBUF</c> (read back).</param>
public sealed record ClosedPeerRun(IReadOnlyList<SocketOutcome> Steps, int SendBuffer)
{
    /// <summary>The write calls, in order.</summary>
    public IReadOnlyList<SocketOutcome> Writes => Steps.Where(s => s.Call.StartsWith("write", StringComparison.Ordinal)).ToList();
}
