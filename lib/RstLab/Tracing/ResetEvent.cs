using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using RstLab.Kernel;

namespace RstLab.Tracing;

/// <summary>One reset the kernel traced: sent (with the kernel's reason and the socket's state) or received, with the reset segment's own addresses.</summary>
/// <param name="Direction">Sent by this kernel (<c>tcp_send_reset</c>) or received by one of its sockets (<c>tcp_receive_reset</c>).</param>
/// <param name="Time">When the kernel traced it, on the capture's clock (wall time).</param>
/// <param name="Source">The reset's source address and port.</param>
/// <param name="Destination">The reset's destination address and port.</param>
/// <param name="State">The sending socket's state; null when no socket sent it (the stack answered for a four-tuple it does not know) or for a received reset.</param>
/// <param name="Reason">The kernel's reason; null for a received reset.</param>
public sealed partial record ResetEvent(
    ResetDirection Direction,
    DateTimeOffset Time,
    [property: JsonConverter(typeof(EndPointJsonConverter))] IPEndPoint Source,
    [property: JsonConverter(typeof(EndPointJsonConverter))] IPEndPoint Destination,
    [property: JsonConverter(typeof(TcpStateJsonConverter))] TcpState? State,
    RstReason? Reason)
{
    /// <summary>One line for a table or a check's "observed" column, e.g. <c>NO_SOCKET (no socket)</c> or <c>TCP_ABORT_ON_CLOSE in CLOSED</c>.</summary>
    public override string ToString() => Direction == ResetDirection.Received
        ? $"received {Source} → {Destination}"
        : $"{Reason?.ToString() ?? "an unknown reason"}{(State is { } s ? $" in {s.ToText()}" : " (no socket)")}";

    /// <summary>Parses one line of a tracefs <c>trace</c> file; null for a header line or another event.</summary>
    /// <param name="line">A line such as <c>bash-6877 [001] ..s1. 590.209272: tcp_send_reset: skbaddr=… src=127.0.0.1:1 dest=127.0.0.1:49084 state=UNKNOWN reason=NO_SOCKET</c>.</param>
    /// <param name="clockZero">The wall time at which the trace clock read zero (the trace clock is CLOCK_TAI).</param>
    public static ResetEvent? Parse(string line, DateTimeOffset clockZero)
    {
        Guard.NotBlank(line);
        var m = LinePattern().Match(line);
        if (!m.Success)
            return null;
        var time = clockZero + TimeSpan.FromTicks((long)(decimal.Parse(m.Groups["ts"].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
        var fields = m.Groups["fields"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        try
        {
            if (m.Groups["event"].Value == "tcp_send_reset")
                return new ResetEvent(ResetDirection.Sent, time, IPEndPoint.Parse(fields["src"]), IPEndPoint.Parse(fields["dest"]),
                    TcpStateText.TryParse(fields["state"], out var state) ? state : null,
                    KnownReason(fields["reason"]));
            // tcp_receive_reset prints the receiving socket: s* is this side (the reset's destination), d* the sender.
            var v6 = fields["family"] == "AF_INET6";
            var local = IPAddress.Parse(fields[v6 ? "saddrv6" : "saddr"]);
            var remote = IPAddress.Parse(fields[v6 ? "daddrv6" : "daddr"]);
            return new ResetEvent(ResetDirection.Received, time,
                new IPEndPoint(remote, int.Parse(fields["dport"], CultureInfo.InvariantCulture)),
                new IPEndPoint(local, int.Parse(fields["sport"], CultureInfo.InvariantCulture)), null, null);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            return null;   // a format this parser does not know (another kernel's); the row then simply has no reason
        }
    }

    // A reason this library does not know (a newer kernel's) stays null rather than being guessed.
    static RstReason? KnownReason(string name) =>
        Enum.TryParse<RstReason>(name, out var reason) && Enum.IsDefined(reason) && !char.IsDigit(name[0]) ? reason : null;

    // "TASK-PID [CPU] FLAGS TIMESTAMP: EVENT: FIELDS"; the flags column is absent when the irq-info option is off.
    [GeneratedRegex(@"^\s*.+?-\d+\s+\[\d+\]\s+(?:\S{4,5}\s+)?(?<ts>\d+\.\d+):\s+(?<event>tcp_send_reset|tcp_receive_reset):\s+(?<fields>.*)$")]
    private static partial Regex LinePattern();
}
