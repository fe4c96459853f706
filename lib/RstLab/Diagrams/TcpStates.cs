using RstLab.Kernel;

namespace RstLab.Diagrams;

/// <summary>Both sides' TCP states at one moment of a connection; null where the capture cannot tell.</summary>
/// <param name="Client">The client's state, e.g. <c>TcpState.SynSent</c>.</param>
/// <param name="Server">The server's state, e.g. <c>TcpState.Listen</c>.</param>
public sealed record TcpStates(TcpState? Client, TcpState? Server)
{
    /// <summary>For a check cell's "observed" column: <c>client TIME-WAIT, server CLOSED</c>.</summary>
    public override string ToString() => $"client {Client?.ToText() ?? "?"}, server {Server?.ToText() ?? "?"}";
}
