using System.Globalization;
using System.Net;
using System.Text;
using RstLab.Packets;

namespace RstLab.Diagrams;

/// <summary>A ladder (sequence) diagram of a capture: client and server as two vertical lines, one arrow per segment in time order, RST arrows in red.</summary>
public sealed class LadderDiagram
{
    const int Width = 720, ClientX = 150, ServerX = 570, Top = 56, Step = 40, Slant = 16;

    LadderDiagram(IReadOnlyList<LadderArrow> arrows, int hidden, string client, string server)
    {
        Arrows = arrows;
        Hidden = hidden;
        Client = client;
        Server = server;
    }

    /// <summary>The arrows, in capture order.</summary>
    public IReadOnlyList<LadderArrow> Arrows { get; }

    /// <summary>Segments not drawn because of the cap.</summary>
    public int Hidden { get; }

    /// <summary>The client's label, e.g. <c>client 127.0.0.1:50000</c>.</summary>
    public string Client { get; }

    /// <summary>The server's label.</summary>
    public string Server { get; }

    /// <summary>The diagram of <paramref name="packets"/> (one connection when <paramref name="connection"/> is given), at most <paramref name="maxArrows"/> arrows.</summary>
    public static LadderDiagram Of(PacketTable packets, int? connection = null, int maxArrows = 40)
    {
        ArgumentNullException.ThrowIfNull(packets);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArrows, 1);
        var rows = (connection is int c ? packets.Connection(c) : packets.Rows).ToList();
        var many = rows.Select(r => r.Connection).Distinct().Count() > 1;
        var arrows = rows.Take(maxArrows).Select(r => new LadderArrow(r.Number, r.Time, r.FromClient, Label(r, many), r.IsRst)).ToList();
        var first = rows.FirstOrDefault();
        var client = first is null ? "client" : "client " + (many ? first.Segment.Source.Address : Endpoint(first, client: true));
        var server = first is null ? "server" : "server " + Endpoint(first, client: false);
        return new LadderDiagram(arrows, rows.Count - arrows.Count, client, server);
    }

    /// <summary>The arrow's text: flags, relative seq (and range for data), ack, length, as tcpdump would say it.</summary>
    public static string Label(PacketRow row, bool withConnection = false)
    {
        ArgumentNullException.ThrowIfNull(row);
        var seq = row.Length > 0 ? $"seq {row.Seq}:{row.Seq + row.Length}" : $"seq {row.Seq}";
        var ack = row.Ack is long a ? $", ack {a}" : "";
        var len = row.Length > 0 ? $", len {row.Length}" : "";
        return (withConnection ? $"#{row.Connection} " : "") + $"[{row.Flags}] {seq}{ack}{len}";
    }

    /// <summary>The diagram as an SVG document fragment.</summary>
    public string ToSvg()
    {
        var height = Top + Step * Math.Max(Arrows.Count, 1) + 24;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"rstlab-ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"ui-monospace,monospace\" font-size=\"12\">");
        svg.Append("<defs><marker id=\"rstlab-head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#335\"/></marker>");
        svg.Append("<marker id=\"rstlab-head-rst\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#c00\"/></marker></defs>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ClientX}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">{E(Client)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ServerX}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">{E(Server)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{ClientX}\" y1=\"30\" x2=\"{ClientX}\" y2=\"{height - 10}\" stroke=\"#889\" stroke-width=\"2\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{ServerX}\" y1=\"30\" x2=\"{ServerX}\" y2=\"{height - 10}\" stroke=\"#889\" stroke-width=\"2\"/>");
        for (var i = 0; i < Arrows.Count; i++)
        {
            var a = Arrows[i];
            var y = Top + Step * i;
            var (x1, x2) = a.FromClient ? (ClientX, ServerX) : (ServerX, ClientX);
            var color = a.IsRst ? "#c00" : "#335";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"rstlab-arrow{(a.IsRst ? " rst" : "")}\" data-number=\"{a.Number}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{y + Slant}\" fill=\"#667\">{a.Time:0.000000}s</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y + Slant}\" stroke=\"{color}\" stroke-width=\"{(a.IsRst ? 3 : 1.5)}\" marker-end=\"url(#rstlab-head{(a.IsRst ? "-rst" : "")})\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(ClientX + ServerX) / 2}\" y=\"{y + Slant / 2 - 5}\" text-anchor=\"middle\" fill=\"{color}\"{(a.IsRst ? " font-weight=\"bold\"" : "")}>{E(a.Label)}</text>");
            svg.Append("</g>");
        }
        if (Hidden > 0)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(ClientX + ServerX) / 2}\" y=\"{height - 4}\" text-anchor=\"middle\" fill=\"#667\">… {Hidden} more segments not drawn</text>");
        return svg.Append("</svg>").ToString();
    }

    static string Endpoint(PacketRow row, bool client)
    {
        var s = row.Segment;
        IPEndPoint ep = row.FromClient == client ? s.Source : s.Destination;
        return ep.ToString();
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>One arrow of a ladder diagram.</summary>
/// <param name="Number">The packet's row number.</param>
/// <param name="Time">Seconds since the first segment.</param>
/// <param name="FromClient">True when it points from client to server.</param>
/// <param name="Label">Flags, relative seq/ack and length.</param>
/// <param name="IsRst">True for a reset (drawn red and bold).</param>
public sealed record LadderArrow(int Number, double Time, bool FromClient, string Label, bool IsRst);
