namespace RstLab.Packets;

/// <summary>TCP flags as tcpdump prints them.</summary>
public static class TcpFlagsText
{
    /// <summary>The flags in tcpdump's order (F S R P, then '.' for ACK, then U E W): <c>S</c>, <c>S.</c>, <c>R.</c>, <c>P.</c>, <c>F.</c>.</summary>
    public static string ToText(this TcpFlags flags)
    {
        var text = "";
        if (flags.HasFlag(TcpFlags.Fin)) text += "F";
        if (flags.HasFlag(TcpFlags.Syn)) text += "S";
        if (flags.HasFlag(TcpFlags.Rst)) text += "R";
        if (flags.HasFlag(TcpFlags.Psh)) text += "P";
        if (flags.HasFlag(TcpFlags.Ack)) text += ".";
        if (flags.HasFlag(TcpFlags.Urg)) text += "U";
        if (flags.HasFlag(TcpFlags.Ece)) text += "E";
        if (flags.HasFlag(TcpFlags.Cwr)) text += "W";
        return text.Length == 0 ? "none" : text;
    }
}
