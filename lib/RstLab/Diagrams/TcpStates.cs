namespace RstLab.Diagrams;

/// <summary>Both sides' TCP states at one moment of a connection; null where the capture cannot tell.</summary>
/// <param name="Client">The client's state, e.g. <c>SYN-SENT</c>, <c>TIME-WAIT</c>.</param>
/// <param name="Server">The server's state, e.g. <c>LISTEN</c>, <c>CLOSE-WAIT</c>.</param>
public sealed record TcpStates(string? Client, string? Server)
{
    /// <summary>For a check cell's "observed" column: <c>client TIME-WAIT, server CLOSED</c>.</summary>
    public override string ToString() => $"client {Client ?? "?"}, server {Server ?? "?"}";
}
