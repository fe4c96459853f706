using System.Globalization;
using System.Net;
using System.Text;
using RstLab.Kernel;
using RstLab.Packets;

namespace RstLab.Diagrams;

/// <summary>A ladder (sequence) diagram of a capture: client and server as two vertical lines, time running down, one sloped arrow per segment, RST arrows in red, each side's TCP state beside its line.</summary>
public sealed class LadderDiagram
{
    const int Width = 900, TimeX = 96, ClientX = 270, ServerX = 650, Top = 96, Step = 40, Slant = 14, Gap = 26;

    // Where the states before the first segment are written, above the first arrow.
    const int InitialY = Top - 30;

    /// <summary>A pause longer than this between two segments is drawn as a break with its duration.</summary>
    public const double GapSeconds = 0.01;

    LadderDiagram(IReadOnlyList<LadderArrow> arrows, int hidden, string client, string server, TcpStates? initial, TcpStates? final, TcpStates? kernel, string? kernelNote)
    {
        Arrows = arrows;
        Hidden = hidden;
        Client = client;
        Server = server;
        Initial = initial;
        Final = final;
        Kernel = kernel;
        KernelNote = kernelNote;
    }

    /// <summary>The arrows, in capture order.</summary>
    public IReadOnlyList<LadderArrow> Arrows { get; }

    /// <summary>Segments not drawn because of the cap.</summary>
    public int Hidden { get; }

    /// <summary>The client's label, e.g. <c>client 127.0.0.1:50000</c>.</summary>
    public string Client { get; }

    /// <summary>The server's label.</summary>
    public string Server { get; }

    /// <summary>Both sides' states before the first segment, inferred from the capture; null when several connections are drawn.</summary>
    public TcpStates? Initial { get; }

    /// <summary>Both sides' states after the last segment (drawn or not), inferred from the capture; null when several connections are drawn.</summary>
    public TcpStates? Final { get; }

    /// <summary>Both sides' states in the kernel's socket table given to <see cref="Of"/> (<c>CLOSED</c> where it has no socket for the connection); null when none was given or it lists other connections.</summary>
    public TcpStates? Kernel { get; }

    /// <summary>What the socket table said, in a sentence, or null when none was given.</summary>
    public string? KernelNote { get; }

    /// <summary>True when the socket table shows the states inferred from the capture, false when it differs, null when there is nothing to compare.</summary>
    public bool? KernelAgrees => Kernel is null || Final is null ? null : Same(Final.Client, Kernel.Client) && Same(Final.Server, Kernel.Server);

    /// <summary>The diagram of <paramref name="packets"/> (one connection when <paramref name="connection"/> is given), at most <paramref name="maxArrows"/> arrows; <paramref name="sockets"/>, a socket-table snapshot taken after the capture, is shown under the inferred states.</summary>
    public static LadderDiagram Of(PacketTable packets, int? connection = null, int maxArrows = 40, IEnumerable<SocketEntry>? sockets = null)
    {
        Guard.NotNull(packets);
        Guard.InRange(maxArrows, 1, 10_000, "A diagram of more arrows than that would not fit on a page.");
        if (connection is int n && n < 1)
            throw Guard.Fail(nameof(connection), $"connection must be 1 or more; got {n}. Connections are numbered from 1, as in the packet table's conn column.");
        var rows = (connection is int c ? packets.Connection(c) : packets.Rows).ToList();
        var many = rows.Select(r => r.Connection).Distinct().Count() > 1;
        // States belong to one connection: with several interleaved, the picture would lie.
        var states = many ? null : TcpStateMachine.Walk(rows);
        var phases = Phases(rows);
        var arrows = rows.Take(maxArrows).Select((r, i) => new LadderArrow(r.Number, r.Time, r.FromClient, Label(r, many), r.IsRst)
        {
            Phase = phases[i],
            Delta = i == 0 ? 0 : r.Time - rows[i - 1].Time,
            ClientState = states?[i + 1].Client,
            ServerState = states?[i + 1].Server,
        }).ToList();
        var first = rows.FirstOrDefault();
        var client = first is null ? "client" : "client " + (many ? first.Segment.Source.Address : Endpoint(first, client: true));
        var server = first is null ? "server" : "server " + Endpoint(first, client: false);
        TcpStates? kernel = null;
        string? note = null;
        if (sockets is not null && first is not null && !many)
            (kernel, note) = FromSocketTable(sockets.ToList(), Endpoint(first, client: true), Endpoint(first, client: false));
        else if (sockets is not null)
            note = many ? "The socket table is compared for one connection at a time: pass connection:." : "No packets, so no connection to look up in the socket table.";
        return new LadderDiagram(arrows, rows.Count - arrows.Count, client, server, states?[0], states?[^1], kernel, note);
    }

    /// <summary>The arrow's text: flags, relative seq (and range for data), ack, length, as tcpdump would say it; for a reset, the kernel's traced reason.</summary>
    public static string Label(PacketRow row, bool withConnection = false)
    {
        Guard.NotNull(row);
        var seq = row.Length > 0 ? $"seq {row.Seq}:{row.Seq + row.Length}" : $"seq {row.Seq}";
        var ack = row.Ack is long a ? $", ack {a}" : "";
        var len = row.Length > 0 ? $", len {row.Length}" : "";
        var reason = row.Reason is { } r ? $" · {r}" : "";
        return (withConnection ? $"#{row.Connection} " : "") + $"[{row.Flags.ToText()}] {seq}{ack}{len}{reason}";
    }

    /// <summary>The diagram as an SVG element: phases as bands, states beside each line, RST arrows red and marked.</summary>
    public string ToSvg()
    {
        var ys = ArrowTops();
        var last = ys.Count == 0 ? Top - Step : ys[^1];
        var bottom = last + Slant + 26 + (Hidden > 0 ? 20 : 0);
        var kernelY = bottom + 4;
        var captionY = bottom + (KernelNote is null ? 22 : 52);
        var height = captionY + 28;
        var svg = new StringBuilder();
        svg.Append(F($"<svg class=\"rstlab-ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" style=\"max-width:100%;height:auto;background:#fff\" font-family=\"ui-monospace,Menlo,Consolas,monospace\" font-size=\"12\">"));
        svg.Append("<defs><marker id=\"rstlab-head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#335\"/></marker>");
        svg.Append("<marker id=\"rstlab-head-rst\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#c00\"/></marker></defs>");
        AppendPhases(svg, ys);
        svg.Append(F($"<text x=\"{ClientX}\" y=\"22\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">{E(Role(Client))}</text><text x=\"{ClientX}\" y=\"38\" text-anchor=\"middle\" fill=\"#556\">{E(Address(Client))}</text>"));
        svg.Append(F($"<text x=\"{ServerX}\" y=\"22\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">{E(Role(Server))}</text><text x=\"{ServerX}\" y=\"38\" text-anchor=\"middle\" fill=\"#556\">{E(Address(Server))}</text>"));
        svg.Append(F($"<text x=\"{TimeX}\" y=\"38\" text-anchor=\"end\" fill=\"#889\" font-size=\"11\">time</text>"));
        AppendLifeline(svg, ys, client: true, bottom);
        AppendLifeline(svg, ys, client: false, bottom);
        for (var i = 0; i < Arrows.Count; i++)
        {
            if (i > 0 && Arrows[i].Delta >= GapSeconds)
                svg.Append(F($"<text class=\"rstlab-gap\" x=\"{(ClientX + ServerX) / 2}\" y=\"{ys[i] - Step / 2 - Gap / 2 + 4}\" text-anchor=\"middle\" fill=\"#778\" font-style=\"italic\" font-size=\"11\">⋯ {E(Duration(Arrows[i].Delta))} later ⋯</text>"));
            AppendArrow(svg, Arrows[i], ys[i]);
        }
        AppendStates(svg, ys);
        if (Hidden > 0)
            svg.Append(F($"<text x=\"{(ClientX + ServerX) / 2}\" y=\"{last + Slant + 32}\" text-anchor=\"middle\" fill=\"#667\">… {Hidden} more segments not drawn</text>"));
        if (KernelNote is not null)
            AppendKernel(svg, kernelY);
        svg.Append(F($"<text x=\"8\" y=\"{captionY}\" fill=\"#667\" font-family=\"sans-serif\" font-size=\"11\">Time runs down; each arrow is one segment, sloped for its time in transit; labels: [flags] relative seq, ack, len (as tcpdump). Red: a reset, with the reason its kernel traced where tracing ran.</text>"));
        if (Final is null && Arrows.Count > 0)
            svg.Append(F($"<text x=\"8\" y=\"{captionY + 15}\" fill=\"#667\" font-family=\"sans-serif\" font-size=\"11\">#n: the connection's number in the packet table. States are drawn for one connection at a time: LadderDiagram.Of(packets, connection: n).</text>"));
        if (Final is not null)
            svg.Append(F($"<text x=\"8\" y=\"{captionY + 15}\" fill=\"#667\" font-family=\"sans-serif\" font-size=\"11\">Beside each line: that side's TCP state, inferred from the capture with RFC 9293's state machine{(Kernel is null ? "" : "; at the bottom, the kernel's socket table")}.</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The diagram as text: one line per segment with its direction, label and the states it leads to, then the socket table's view.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        if (Initial is not null)
            text.AppendLine($"{"",-10}  {Client} is {Initial.Client?.ToText() ?? "?"}, {Server} is {Initial.Server?.ToText() ?? "?"}");
        foreach (var a in Arrows)
        {
            var arrow = a.FromClient ? "client ──▶ server" : "client ◀── server";
            var states = Initial is null ? "" : $"   → {a.ClientState?.ToText() ?? "?"} | {a.ServerState?.ToText() ?? "?"}";
            text.AppendLine($"{Time(a.Time),10}  {arrow}  {a.Label}{(a.IsRst ? "  <<RST>>" : "")}{states}");
        }
        if (Hidden > 0)
            text.AppendLine($"… {Hidden} more segments not drawn");
        if (Kernel is not null)
            text.AppendLine($"socket table: client {Kernel.Client?.ToText()}, server {Kernel.Server?.ToText()} ({(KernelAgrees == true ? "agrees with" : "differs from")} the states inferred from the capture)");
        else if (KernelNote is not null)
            text.AppendLine(KernelNote);
        return text.ToString().TrimEnd();
    }

    /// <summary>One segment: its time, a sloped arrow from sender to receiver, its label above; a reset red, thick, its label boxed.</summary>
    static void AppendArrow(StringBuilder svg, LadderArrow a, int y)
    {
        var (x1, x2) = a.FromClient ? (ClientX, ServerX) : (ServerX, ClientX);
        // The arrowhead stops just short of the line, so it stays visible over the state bar.
        var end = a.FromClient ? x2 - 5 : x2 + 5;
        var color = a.IsRst ? "#c00" : "#335";
        var mid = (ClientX + ServerX) / 2;
        svg.Append(F($"<g class=\"rstlab-arrow{(a.IsRst ? " rst" : "")}\" data-number=\"{a.Number}\" data-phase=\"{a.Phase}\">"));
        svg.Append(F($"<text x=\"{TimeX}\" y=\"{y + 4}\" text-anchor=\"end\" fill=\"#667\" font-size=\"11\">{E(Time(a.Time))}</text>"));
        svg.Append(F($"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{end}\" y2=\"{y + Slant}\" stroke=\"{color}\" stroke-width=\"{(a.IsRst ? 3 : 1.5)}\" marker-end=\"url(#rstlab-head{(a.IsRst ? "-rst" : "")})\"/>"));
        if (a.IsRst)
        {
            var w = TextWidth(a.Label, 12) + 16;
            svg.Append(F($"<rect x=\"{mid - w / 2}\" y=\"{y - 18}\" width=\"{w}\" height=\"17\" rx=\"4\" fill=\"#fde4e4\" stroke=\"#c00\"/>"));
            svg.Append(F($"<text x=\"{mid}\" y=\"{y - 5}\" text-anchor=\"middle\" fill=\"#b00\" font-weight=\"bold\">{E(a.Label)}</text>"));
        }
        else
            // Above the arrow, with a white halo, so a label never sits on a line.
            svg.Append(F($"<text x=\"{mid}\" y=\"{y - 4}\" text-anchor=\"middle\" fill=\"#223\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{E(a.Label)}</text>"));
        svg.Append("</g>");
    }

    /// <summary>Each arrow's y: one step per segment, plus a break where time passed.</summary>
    List<int> ArrowTops()
    {
        var ys = new List<int>(Arrows.Count);
        for (var i = 0; i < Arrows.Count; i++)
            ys.Add(i == 0 ? Top : ys[i - 1] + Step + (Arrows[i].Delta >= GapSeconds ? Gap : 0));
        return ys;
    }

    void AppendPhases(StringBuilder svg, List<int> ys)
    {
        if (Final is null)
            return;
        for (var start = 0; start < Arrows.Count;)
        {
            var end = start;
            while (end + 1 < Arrows.Count && Arrows[end + 1].Phase == Arrows[start].Phase)
                end++;
            var (fill, ink) = PhaseColors(Arrows[start].Phase);
            var top = ys[start] - 21;
            var h = ys[end] + Slant + 5 - top;
            svg.Append(F($"<rect class=\"rstlab-phase\" x=\"{TimeX + 8}\" y=\"{top}\" width=\"{Width - TimeX - 12}\" height=\"{h}\" rx=\"6\" fill=\"{fill}\"/>"));
            svg.Append(F($"<text x=\"{Width - 10}\" y=\"{top + h / 2 + 4}\" text-anchor=\"end\" fill=\"{ink}\" font-family=\"sans-serif\" font-size=\"11\" font-style=\"italic\">{E(Arrows[start].Phase)}</text>"));
            start = end + 1;
        }
    }

    /// <summary>The side's line, drawn thick and coloured while it holds a connection: the state bar.</summary>
    void AppendLifeline(StringBuilder svg, List<int> ys, bool client, int bottom)
    {
        var x = client ? ClientX : ServerX;
        var changes = StateChanges(ys, client);
        if (changes.Count == 0)
        {
            svg.Append(F($"<line x1=\"{x}\" y1=\"46\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"#889\" stroke-width=\"2\"/>"));
            return;
        }
        for (var i = 0; i < changes.Count; i++)
        {
            var (y, state) = changes[i];
            var to = i + 1 < changes.Count ? changes[i + 1].Y : bottom;
            var (color, width, dash) = Bar(state);
            svg.Append(F($"<line class=\"rstlab-state-bar\" data-state=\"{state?.ToText() ?? "unknown"}\" x1=\"{x}\" y1=\"{(i == 0 ? 46 : y)}\" x2=\"{x}\" y2=\"{to}\" stroke=\"{color}\" stroke-width=\"{width}\"{(dash ? " stroke-dasharray=\"4 3\"" : "")}/>"));
        }
    }

    void AppendStates(StringBuilder svg, List<int> ys)
    {
        foreach (var client in new[] { true, false })
            foreach (var (y, state) in StateChanges(ys, client))
                if (state is not null)
                    Pill(svg, client, y + 4, state.Value.ToText(), "rstlab-state", Bar(state).Color);
    }

    /// <summary>Where a side's state changes: the sender's at the arrow's tail, the receiver's at its head.</summary>
    List<(int Y, TcpState? State)> StateChanges(List<int> ys, bool client)
    {
        var changes = new List<(int, TcpState?)>();
        if (Initial is null)
            return changes;
        var current = client ? Initial.Client : Initial.Server;
        changes.Add((InitialY, current));
        for (var i = 0; i < Arrows.Count; i++)
        {
            var next = client ? Arrows[i].ClientState : Arrows[i].ServerState;
            if (next == current)
                continue;
            var sent = Arrows[i].FromClient == client;
            changes.Add((sent ? ys[i] : ys[i] + Slant, next));
            current = next;
        }
        return changes;
    }

    void AppendKernel(StringBuilder svg, int y)
    {
        if (Kernel is not null && Final is not null)
        {
            foreach (var client in new[] { true, false })
            {
                var kernel = client ? Kernel.Client : Kernel.Server;
                var agrees = Same(client ? Final.Client : Final.Server, kernel);
                Pill(svg, client, y + 14, $"socket table: {kernel?.ToText()} {(agrees ? "✓" : "≠")}", agrees ? "rstlab-kernel agrees" : "rstlab-kernel differs", agrees ? "#2e9d5b" : "#c60");
            }
        }
        svg.Append(F($"<text class=\"rstlab-kernel-note\" x=\"{(ClientX + ServerX) / 2}\" y=\"{y + 34}\" text-anchor=\"middle\" fill=\"#556\" font-family=\"sans-serif\" font-size=\"11\">{E(KernelNote!)}</text>"));
    }

    static void Pill(StringBuilder svg, bool client, int baseline, string text, string cssClass, string stroke)
    {
        var w = TextWidth(text, 11) + 12;
        var x = client ? ClientX - 10 - w : ServerX + 10;
        svg.Append(F($"<g class=\"{cssClass}\"><rect x=\"{x}\" y=\"{baseline - 12}\" width=\"{w}\" height=\"16\" rx=\"8\" fill=\"#fff\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>"));
        svg.Append(F($"<text x=\"{x + w / 2}\" y=\"{baseline}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#223\">{E(text)}</text></g>"));
    }

    static (string Color, double Width, bool Dash) Bar(TcpState? state) => state switch
    {
        TcpState.Established => ("#2e9d5b", 6, false),
        TcpState.SynSent or TcpState.SynReceived => ("#5b8fd6", 6, false),
        TcpState.FinWait1 or TcpState.FinWait2 or TcpState.Closing or TcpState.CloseWait or TcpState.LastAck => ("#e0a030", 6, false),
        TcpState.TimeWait => ("#9a86c8", 6, true),
        TcpState.Listen => ("#7a8aa8", 3, false),
        TcpState.Closed => ("#99a", 2, false),
        _ => ("#aab", 2, true),
    };

    static (string Fill, string Ink) PhaseColors(string phase) => phase switch
    {
        "handshake" => ("#eef3fc", "#46699c"),
        "data" => ("#eef8f1", "#2e7d4b"),
        "close" => ("#fdf5e6", "#a06a10"),
        "reset" => ("#fdeaea", "#b00"),
        _ => ("#f4f4f6", "#667"),
    };

    /// <summary>Each row's phase: SYNs open, FINs and the ACKs after them close, RSTs reset, the rest carries data.</summary>
    static List<string> Phases(List<PacketRow> rows)
    {
        var phases = new List<string>(rows.Count);
        var open = new HashSet<int>();
        var closing = new HashSet<int>();
        foreach (var r in rows)
        {
            var f = r.Segment.Flags;
            string phase;
            if (r.IsRst)
                phase = "reset";
            else if (f.HasFlag(TcpFlags.Syn))
            {
                phase = "handshake";
                if (f.HasFlag(TcpFlags.Ack)) open.Add(r.Connection);
            }
            else if (f.HasFlag(TcpFlags.Fin))
            {
                phase = "close";
                closing.Add(r.Connection);
            }
            else if (r.Length == 0 && open.Remove(r.Connection))
                phase = "handshake";   // the ACK that completes the three-way handshake
            else if (r.Length == 0 && closing.Contains(r.Connection))
                phase = "close";
            else
                phase = "data";
            if (r.Length > 0 || f.HasFlag(TcpFlags.Fin))
                open.Remove(r.Connection);
            phases.Add(phase);
        }
        return phases;
    }

    static (TcpStates?, string) FromSocketTable(List<SocketEntry> sockets, IPEndPoint client, IPEndPoint server)
    {
        bool Uses(SocketEntry e, IPEndPoint ep) => Same(e.Local, ep) || Same(e.Remote, ep);
        if (sockets.Count > 0 && !sockets.Any(e => Uses(e, client) || Uses(e, server) || e.Local.Port == server.Port))
            return (null, $"The socket table lists other connections than this capture's ({sockets.Count} entries), so it cannot confirm these states: the capture is not from this run.");
        TcpState Of(IPEndPoint local, IPEndPoint remote) =>
            sockets.FirstOrDefault(e => Same(e.Local, local) && Same(e.Remote, remote)) is { } e ? e.State : TcpState.Closed;
        var kernel = new TcpStates(Of(client, server), Of(server, client));
        var listener = sockets.Any(e => e.Local.Port == server.Port && e.Remote.Port == 0 && e.State == TcpState.Listen);
        var note = "From the kernel's socket table, read after the capture (CLOSED: no socket for this connection)"
            + (listener ? "; the listening socket on the server's port is a separate socket." : ".");
        return (kernel, note);
    }

    static bool Same(IPEndPoint a, IPEndPoint b) => a.Port == b.Port && Normal(a.Address).Equals(Normal(b.Address));

    static IPAddress Normal(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    // A passive SYN-RECEIVED that was reset returns to LISTEN (RFC 9293); the connection itself then has no socket.
    static bool Same(TcpState? inferred, TcpState? kernel) => inferred == kernel || (inferred == TcpState.Listen && kernel == TcpState.Closed);

    static IPEndPoint Endpoint(PacketRow row, bool client) => row.FromClient == client ? row.Segment.Source : row.Segment.Destination;

    static string Role(string label) => label.Split(' ')[0];

    static string Address(string label) => label.Contains(' ') ? label[(label.IndexOf(' ') + 1)..] : "";

    static string Time(double seconds) => seconds < 1 ? F($"{seconds * 1000:0.000} ms") : F($"{seconds:0.000000} s");

    static string Duration(double seconds) => seconds < 1 ? F($"{seconds * 1000:0.#} ms") : F($"{seconds:0.##} s");

    // Monospace: about 0.6 em per character.
    static int TextWidth(string text, int fontSize) => (int)Math.Ceiling(text.Length * fontSize * 0.62);

    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
