using System.Text.RegularExpressions;

namespace RstLab.Tests;

/// <summary>Cells a learner can read (issue 14): short check cells, lines that fit the page, typed flags and states, no helper defined twice.</summary>
public sealed partial class ReadableCellTests
{
    /// <summary>Every course notebook: all of them read as typed evidence and one-line claims, and a new one is covered without listing it.</summary>
    public static readonly string[] Converted = Notebooks.Course().Select(n => (string)n[0]).ToArray();

    const int MaxCheckLines = 25, MaxLineLength = 110;

    public static IEnumerable<object[]> ConvertedNotebooks() => Converted.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(ConvertedNotebooks))]
    public void It_keeps_the_check_cell_within_25_lines(string name)
    {
        var check = Notebooks.Source(Notebooks.CodeCells(Load(name)).Last());
        var lines = check.TrimEnd().Split('\n').Length;
        Assert.True(lines <= MaxCheckLines, $"{name}: the check cell has {lines} lines; at most {MaxCheckLines}, one claim per line.");
    }

    [Theory]
    [MemberData(nameof(ConvertedNotebooks))]
    public void It_keeps_every_code_line_within_110_characters(string name)
    {
        var longLines = Notebooks.CodeCells(Load(name)).SelectMany(c => Notebooks.Source(c).Split('\n'))
            .Where(l => l.TrimEnd().Length > MaxLineLength).ToList();
        Assert.True(longLines.Count == 0, $"{name}: {longLines.Count} code lines run past {MaxLineLength} characters:\n" + string.Join("\n", longLines));
    }

    [Theory]
    [MemberData(nameof(ConvertedNotebooks))]
    public void It_compares_flags_and_states_as_typed_values_not_strings(string name)
    {
        var found = Notebooks.CodeCells(Load(name)).SelectMany(c => Notebooks.Source(c).Split('\n'))
            .Where(l => StringFlagsOrState().IsMatch(l)).ToList();
        Assert.True(found.Count == 0, $"{name} compares flags or states as strings; use TcpFlags and TcpState:\n" + string.Join("\n", found));
    }

    [Fact]
    public void It_defines_no_helper_in_more_than_one_notebook()
    {
        var helpers = Converted.SelectMany(n => Notebooks.CodeCells(Load(n)).SelectMany(c => LocalFunction().Matches(Notebooks.Source(c)))
                .Select(m => (Notebook: n, Name: m.Groups[1].Value)))
            .Distinct()
            .GroupBy(h => h.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(", ", g.Select(h => h.Notebook))}")
            .ToList();
        Assert.True(helpers.Count == 0, "Helpers defined in several notebooks belong in the library: " + string.Join("; ", helpers));
    }

    [Fact]
    public void It_sees_a_string_comparison_of_flags_or_states()
    {
        Assert.Matches(StringFlagsOrState(), "rows.Any(r => r.Flags == \"R.\")");
        Assert.Matches(StringFlagsOrState(), "rst is { Flags: \"R\" }");
        Assert.Matches(StringFlagsOrState(), "r.Flags.Contains('F')");
        Assert.Matches(StringFlagsOrState(), "s.State == \"TIME-WAIT\"");
        Assert.DoesNotMatch(StringFlagsOrState(), "r.Flags == TcpFlags.RstAck && s.State == TcpState.TimeWait");
    }

    [Fact]
    public void It_sees_a_helper_defined_in_a_cell()
    {
        Assert.Equal("Fin", LocalFunction().Match("bool Fin(Experiment e, bool fromClient) => e.Wire.Packets.Rows.Any();").Groups[1].Value);
        Assert.Equal("Flags", LocalFunction().Match("string Flags(PacketTable t) => string.Join(\" \", t.Rows);").Groups[1].Value);
        Assert.DoesNotMatch(LocalFunction(), "var checks = new Checks(\"01-no-listener\")");
    }

    static System.Text.Json.Nodes.JsonNode Load(string name) => Notebooks.Load(Path.Combine(Notebooks.Folder, name));

    // Flags or State compared with, matched against, or searched for a string or char literal.
    [GeneratedRegex("""(Flags|State)\s*(==|!=|:)\s*["']|(Flags|State)\.(Contains|StartsWith|EndsWith)\(|(Flags|State)\.ToString\(\)\s*==|"(TIME-WAIT|ESTAB|LISTEN|CLOSE-WAIT|FIN-WAIT-[12]|R\.?|S\.?|F\.|P\.)"\s*==\s*\w+\.(Flags|State)""")]
    private static partial Regex StringFlagsOrState();

    // A local function at the top of a cell: a return type, a name, a parameter list, then "=>" or "{".
    [GeneratedRegex(@"(?m)^(?:static\s+)?(?:[\w<>\[\]?,]+\s+)([A-Z]\w*)\s*\([^;=]*\)\s*(?:=>|\{|$)")]
    private static partial Regex LocalFunction();
}
