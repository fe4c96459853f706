using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace RstLab;

/// <summary>The checks every public entry point makes on its arguments; each failure is a <see cref="LabArgumentException"/> saying what was wrong and what to pass.</summary>
internal static class Guard
{
    /// <summary>The longest any single wait in the lab may be: every blocking call has a finite timeout.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    /// <summary>A failure for <paramref name="name"/> with a message of the entry point's own.</summary>
    public static LabArgumentException Fail(string name, string message) => new(message, name);

    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string name = "") where T : class =>
        value ?? throw Fail(name, $"{name} is null; pass {Article(typeof(T))}.");

    public static string NotBlank([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        string.IsNullOrWhiteSpace(value)
            ? throw Fail(name, $"{name} is {(value is null ? "null" : "empty")}; pass a non-empty text.")
            : value;

    /// <summary>A TCP port someone can be reached on: 1 to 65535.</summary>
    public static int Port(int port, [CallerArgumentExpression(nameof(port))] string name = "") =>
        port is < 1 or > 65535 ? throw Fail(name, $"{name} must be 1–65535; got {port}.") : port;

    /// <summary>A port to bind: 1 to 65535, or 0 for one the kernel picks.</summary>
    public static int PortOrAny(int port, [CallerArgumentExpression(nameof(port))] string name = "") =>
        port is < 0 or > 65535 ? throw Fail(name, $"{name} must be 1–65535, or 0 to let the kernel pick one; got {port}.") : port;

    /// <summary>At least one port, each 1 to 65535.</summary>
    public static T Ports<T>([NotNull] T? ports, [CallerArgumentExpression(nameof(ports))] string name = "") where T : class, IEnumerable<int>
    {
        NotNull(ports, name);
        if (!ports.Any())
            throw Fail(name, $"{name} is empty; name at least one port (1–65535): the lab never looks at all traffic.");
        foreach (var port in ports)
            if (port is < 1 or > 65535)
                throw Fail(name, $"{name} must each be 1–65535; got {port}.");
        return ports;
    }

    /// <summary><paramref name="value"/> between <paramref name="min"/> and <paramref name="max"/>; <paramref name="why"/> ends the message.</summary>
    public static long InRange(long value, long min, long max, string why = "", [CallerArgumentExpression(nameof(value))] string name = "") =>
        value < min || value > max
            ? throw Fail(name, $"{name} must be {min}–{max}; got {value}.{(why.Length > 0 ? " " + why : "")}")
            : value;

    /// <summary>A finite wait: more than 0 and at most <paramref name="max"/> (default <see cref="LongestWait"/>).</summary>
    public static TimeSpan Timeout(TimeSpan value, TimeSpan? max = null, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        var most = max ?? LongestWait;
        if (value <= TimeSpan.Zero || value > most)
            throw Fail(name, $"{name} must be more than 0 and at most {Seconds(most)}; got {(value == System.Threading.Timeout.InfiniteTimeSpan ? "infinite" : Seconds(value))}. Every wait in the lab is finite, e.g. TimeSpan.FromSeconds(2).");
        return value;
    }

    /// <summary>A file that exists (not a folder).</summary>
    public static string ExistingFile([NotNull] string? path, string what = "file", [CallerArgumentExpression(nameof(path))] string name = "")
    {
        NotBlank(path, name);
        if (Directory.Exists(path))
            throw Fail(name, $"{path} is a folder; pass the path of a {what}.");
        if (!File.Exists(path))
            throw Fail(name, $"There is no {what} at {path}; pass the path of an existing one.");
        return path;
    }

    /// <summary>A folder that exists (not a file).</summary>
    public static string ExistingFolder([NotNull] string? path, string what = "folder", [CallerArgumentExpression(nameof(path))] string name = "")
    {
        NotBlank(path, name);
        if (File.Exists(path))
            throw Fail(name, $"{path} is a file; pass a {what}.");
        if (!Directory.Exists(path))
            throw Fail(name, $"There is no {what} at {path}; pass an existing one.");
        return path;
    }

    /// <summary>A file to be written: not a folder, and its folder exists.</summary>
    public static string WritableFile([NotNull] string? path, [CallerArgumentExpression(nameof(path))] string name = "")
    {
        NotBlank(path, name);
        if (Directory.Exists(path))
            throw Fail(name, $"{path} is a folder; pass the path of a file to write.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw Fail(name, $"The folder {folder} does not exist; create it first or pass a path in an existing folder.");
        return path;
    }

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    static string Article(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;
        return ("AEIOU".Contains(name[0]) ? "an " : "a ") + name;
    }
}
