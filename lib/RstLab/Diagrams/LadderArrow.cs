namespace RstLab.Diagrams;

/// <summary>One arrow of a ladder diagram.</summary>
/// <param name="Number">The packet's row number.</param>
/// <param name="Time">Seconds since the first segment.</param>
/// <param name="FromClient">True when it points from client to server.</param>
/// <param name="Label">Flags, relative seq/ack and length.</param>
/// <param name="IsRst">True for a reset (drawn red and bold).</param>
public sealed record LadderArrow(int Number, double Time, bool FromClient, string Label, bool IsRst)
{
    /// <summary>The part of the conversation it belongs to: <c>handshake</c>, <c>data</c>, <c>close</c> or <c>reset</c>.</summary>
    public string Phase { get; init; } = "";

    /// <summary>Seconds since the previous segment of the diagram.</summary>
    public double Delta { get; init; }

    /// <summary>The client's state after this segment, inferred from the capture; null when unknown or several connections are drawn.</summary>
    public Kernel.TcpState? ClientState { get; init; }

    /// <summary>The server's state after this segment, inferred from the capture; null when unknown or several connections are drawn.</summary>
    public Kernel.TcpState? ServerState { get; init; }
}
