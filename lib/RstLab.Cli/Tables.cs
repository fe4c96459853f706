using Spectre.Console;

namespace RstLab.Cli;

/// <summary>The lab command's tables: rounded borders on a terminal; in a log, plain columns two spaces apart.</summary>
public static class Tables
{
    /// <summary>An empty table with <paramref name="columns"/>, bordered when <paramref name="border"/>.</summary>
    public static Table Create(bool border, params string[] columns)
    {
        var table = new Table { Border = border ? TableBorder.Rounded : TableBorder.None };
        table.AddColumns(columns);
        if (!border)
            foreach (var column in table.Columns)
                column.Padding = new Padding(0, 0, 2, 0);
        return table;
    }
}
