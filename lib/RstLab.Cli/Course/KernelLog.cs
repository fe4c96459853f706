using System.Text;
using System.Text.RegularExpressions;

namespace RstLab.Cli.Course;

/// <summary>Follows the log dotnet-repl writes with <c>--log-path</c> and counts the cells it has finished: its own output shows nothing until the end.</summary>
/// <param name="folder">The folder given to <c>--log-path</c>.</param>
public sealed partial class KernelLog(string folder)
{
    long _offset;
    string _partial = "";
    // Keeps a character split between two reads.
    readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    /// <summary>Cells finished so far (succeeded or failed).</summary>
    public int CellsDone { get; private set; }

    /// <summary>True when a line is the end of a cell: a top-level submission (a token without the <c>.N</c> of the commands it spawns) succeeded or failed.</summary>
    public static bool EndsCell(string line) => CellEnd().IsMatch(line);

    /// <summary>Reads what the log gained since the last call and returns <see cref="CellsDone"/>.</summary>
    public int Poll()
    {
        var file = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.log").Order(StringComparer.Ordinal).LastOrDefault() : null;
        if (file is null)
            return CellsDone;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length <= _offset)
            return CellsDone;
        stream.Seek(_offset, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - _offset];
        stream.ReadExactly(buffer);
        _offset += buffer.Length;
        var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
        _decoder.GetChars(buffer, chars, flush: false);
        var lines = (_partial + new string(chars)).Split('\n');
        _partial = lines[^1];
        CellsDone += lines[..^1].Count(EndsCell);
        return CellsDone;
    }

    [GeneratedRegex(@"⁞Ε⁞ Command(Succeeded|Failed) .*\(Command: SubmitCode, CommandToken: [^.)]+\)")]
    private static partial Regex CellEnd();
}
