using System.Text.Json;
using System.Text.Json.Serialization;
using RstLab.Tracing;

namespace RstLab.Capture;

/// <summary>The reference captures in the repository's <c>data/</c> folder: a <c>.pcap</c> and a <c>.json</c> note (kernel, date) per experiment.</summary>
public static class Recordings
{
    /// <summary>Set to a folder to save every live capture there when it ends (what <c>./lab record</c> does).</summary>
    public const string RecordVariable = "RSTLAB_RECORD";

    // Enums by name (a learner reads the note); no "Resets": null in a note recorded without tracing.
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() }, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The <c>data/</c> folder: <c>RSTLAB_DATA</c> if set, else the one beside <c>notebooks/</c> above this library.</summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("RSTLAB_DATA") is { Length: > 0 } set)
                return set;
            // From the library's own file, not the process's: in a notebook the process is the kernel tool, outside the repository.
            for (var dir = new DirectoryInfo(Path.GetDirectoryName(typeof(Recordings).Assembly.Location)!); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "data")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                    return Path.Combine(dir.FullName, "data");
            return Path.Combine(Environment.CurrentDirectory, "data");
        }
    }

    /// <summary>Loads the recording named <paramref name="name"/>, or null when there is none; a damaged one gives a <see cref="PcapFormatException"/> naming the file and how to restore it.</summary>
    /// <param name="name">Recording name, e.g. <c>01-refused</c>.</param>
    /// <param name="folder">The folder holding it (default <see cref="Folder"/>); when given, it must exist.</param>
    public static Recording? Load(string name, string? folder = null)
    {
        ValidateName(name);
        if (folder is not null)
            Guard.ExistingFolder(folder, "recordings folder");
        folder ??= Folder;
        var pcap = Path.Combine(folder, name + ".pcap");
        if (!File.Exists(pcap))
            return null;
        var notePath = Path.Combine(folder, name + ".json");
        RecordingNote note;
        try
        {
            note = File.Exists(notePath)
                ? JsonSerializer.Deserialize<RecordingNote>(File.ReadAllText(notePath), Json) ?? throw new JsonException("the note is empty (null)")
                : new RecordingNote(name, "unknown kernel", DateTimeOffset.MinValue, "", 0);
        }
        catch (JsonException e)
        {
            throw new PcapFormatException($"The recording note {notePath} is damaged ({e.Message}). {Restore(notePath)}", e);
        }
        try
        {
            return new Recording(note, PcapFile.Read(pcap));
        }
        catch (PcapFormatException e)
        {
            throw new PcapFormatException($"The recording {pcap} is damaged: {e.Message} {Restore(pcap)}", e);
        }
    }

    /// <summary>The capture file of the recording <paramref name="name"/> (e.g. <c>03-closed-peer</c>, <c>diagnose/nat-expiry</c>) in <see cref="Folder"/>.</summary>
    public static string PathOf(string name)
    {
        ValidateName(name);
        return Path.Combine(Folder, name + ".pcap");
    }

    /// <summary>How to get a damaged recording back: from git, or by recording it again.</summary>
    static string Restore(string path) =>
        $"Restore it with: git checkout -- data/{Path.GetFileName(path)} (from the repository's folder), or record every experiment again as root with: sudo ./lab record";

    /// <summary>Saves frames as the recording <paramref name="name"/> with a note of this machine's kernel and the resets it traced (<paramref name="resets"/>, null when not traced).</summary>
    public static void Save(string name, IReadOnlyCollection<Frame> frames, string filter, int serverPort, string? folder = null, IReadOnlyList<ResetEvent>? resets = null)
    {
        ValidateName(name);
        Guard.NotNull(frames);
        Guard.NotBlank(filter);
        Guard.Port(serverPort);
        if (folder is not null && File.Exists(folder))
            throw Guard.Fail(nameof(folder), $"{folder} is a file; pass the folder to save the recording in.");
        folder ??= Folder;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
        PcapFile.Write(Path.Combine(folder, name + ".pcap"), frames);
        var note = new RecordingNote(name, KernelRelease(), DateTimeOffset.UtcNow, filter, serverPort, resets);
        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(note, Json) + "\n");
    }

    /// <summary>The running kernel's release, e.g. <c>6.18.44</c>.</summary>
    public static string KernelRelease() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString;

    internal static void ValidateName(string name, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(name))] string parameter = "")
    {
        Guard.NotBlank(name, parameter);
        // One folder level at most (diagnose/firewall-reject: the diagnosis corpus keeps its recordings in data/diagnose/).
        var parts = name.Split('/');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || p.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || p.Contains("..")))
            throw new LabArgumentException($"'{name}' is not a usable recording name; pass letters, digits and dashes, e.g. 01-refused (or one folder: diagnose/nat-expiry).", parameter);
    }
}

/// <summary>What was recorded, where and when.</summary>
/// <param name="Name">The experiment's recording name, e.g. <c>01-refused</c>.</param>
/// <param name="Kernel">Kernel release of the recording machine.</param>
/// <param name="Recorded">When it was recorded.</param>
/// <param name="Filter">The BPF filter used.</param>
/// <param name="ServerPort">The experiment's server port.</param>
/// <param name="Resets">The resets the kernel traced during the recording (with its reasons), or null when it was recorded without tracing.</param>
public sealed record RecordingNote(string Name, string Kernel, DateTimeOffset Recorded, string Filter, int ServerPort, IReadOnlyList<ResetEvent>? Resets = null);

/// <summary>A recorded capture with its note.</summary>
public sealed record Recording(RecordingNote Note, IReadOnlyList<Frame> Frames);
