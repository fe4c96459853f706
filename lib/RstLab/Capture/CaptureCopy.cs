using System.Security.Cryptography;

namespace RstLab.Capture;

/// <summary>
/// The copy of dotnet that <c>./lab setup --capture</c> makes for one user (capture rights on it, none on the system's dotnet),
/// seen from the process running under it: its folder records the file it was copied from and that file's SHA-256.
/// </summary>
public static class CaptureCopy
{
    /// <summary>The record beside the copy: the source's path, then its SHA-256 in hex, one per line.</summary>
    public const string RecordName = "source";

    /// <summary>
    /// A sentence saying that this process runs under a capture copy that no longer matches its source (an SDK update replaced
    /// the system's dotnet) and what to do; empty when it runs under anything else or under a current copy.
    /// </summary>
    public static string StaleWarning() => StaleWarning(Environment.ProcessPath ?? "");

    internal static string StaleWarning(string processPath)
    {
        var record = Path.Combine(Path.GetDirectoryName(processPath) ?? "", RecordName);
        if (processPath.Length == 0 || !File.Exists(record))
            return "";
        var lines = File.ReadAllLines(record);
        if (lines.Length < 2 || (Hash(lines[0]) == lines[1] && Hash(processPath) == lines[1]))
            return "";
        return $"This kernel runs under {processPath}, the copy of {lines[0]} that carries your capture rights, and it no longer matches " +
               "that file (an SDK update?): refresh it with ./lab setup --capture, or remove it with ./lab setup --no-capture, then restart the kernel.";
    }

    static string Hash(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException) { return ""; }  // the source is gone: as stale as a changed one
        catch (UnauthorizedAccessException) { return ""; }
    }
}
