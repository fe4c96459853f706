namespace RstLab.Kernel;

/// <summary>TCP states as RFC 9293 spells them, and parsed from ss, <c>/proc/net/tcp</c>, the kernel's own names or RFC spellings.</summary>
public static class TcpStateText
{
    /// <summary>The state as RFC 9293 writes it: <c>TIME-WAIT</c>, <c>ESTABLISHED</c>, <c>FIN-WAIT-2</c>.</summary>
    public static string ToText(this TcpState state) => state switch
    {
        TcpState.SynSent => "SYN-SENT",
        TcpState.SynReceived => "SYN-RECEIVED",
        TcpState.FinWait1 => "FIN-WAIT-1",
        TcpState.FinWait2 => "FIN-WAIT-2",
        TcpState.CloseWait => "CLOSE-WAIT",
        TcpState.LastAck => "LAST-ACK",
        TcpState.TimeWait => "TIME-WAIT",
        TcpState.NewSynReceived => "NEW-SYN-RECV",
        _ => state.ToString().ToUpperInvariant(),
    };

    /// <summary>Parses <c>TIME-WAIT</c>, <c>TIME_WAIT</c>, the kernel's <c>TCP_TIME_WAIT</c>, ss's <c>ESTAB</c>, <c>SYN-RECV</c>, <c>UNCONN</c>; refuses anything else.</summary>
    public static TcpState Parse(string text)
    {
        Guard.NotBlank(text);
        return TryParse(text, out var state)
            ? state
            : throw new LabArgumentException($"'{text}' is not a TCP state; use one of {string.Join(", ", Enum.GetValues<TcpState>().Select(v => v.ToText()))}.", nameof(text));
    }

    /// <summary>Like <see cref="Parse"/>, but false for text that names no state (the tracepoint's <c>UNKNOWN</c>, a newer kernel's state).</summary>
    public static bool TryParse(string? text, out TcpState state)
    {
        var s = (text ?? "").Trim().ToUpperInvariant().Replace('_', '-');
        if (s.StartsWith("TCP-", StringComparison.Ordinal))
            s = s[4..];   // the kernel's names: TCP_CLOSE, TCP_NEW_SYN_RECV
        state = s switch
        {
            "ESTAB" => TcpState.Established,
            "SYN-RECV" => TcpState.SynReceived,
            "UNCONN" or "CLOSE" => TcpState.Closed,
            "FIN-WAIT1" => TcpState.FinWait1,
            "FIN-WAIT2" => TcpState.FinWait2,
            _ => Enum.GetValues<TcpState>().FirstOrDefault(v => v.ToText() == s),
        };
        return state != default;
    }
}
