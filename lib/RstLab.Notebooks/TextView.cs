using System.Text;
using RstLab.Packets;

namespace RstLab.Notebooks;

/// <summary>Plain-text renderings for terminals and the text/plain output of notebooks.</summary>
public static class TextView
{
    /// <summary>A packet table as aligned text, tcpdump-like, capped at <paramref name="maxRows"/>.</summary>
    public static string Packets(PacketTable table, int maxRows = HtmlView.MaxRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendLine(table.Origin);
        text.AppendLine($"{"#",3} {"time",10} {"dir",3} {"flags",-6} {"seq",10} {"ack",10} {"win",6} {"len",5}  note");
        foreach (var r in table.Rows.Take(maxRows))
            text.AppendLine($"{r.Number,3} {r.Time,10:0.000000} {(r.FromClient ? "c>s" : "s>c"),3} {"[" + r.Flags.ToText() + "]",-6} {r.Seq,10} {r.Ack?.ToString() ?? "",10} {r.Window,6} {r.Length,5}  {(r.IsRst ? "<<RST>> " : "")}{(r.Kernel is { } k ? $"[kernel: {k}] " : "")}{r.Note}");
        if (table.Rows.Count > maxRows)
            text.AppendLine($"... {table.Rows.Count - maxRows} more rows not shown ({table.Rows.Count} in all).");
        return text.ToString();
    }
}
