using System.Text.Json;

namespace RstLab.Capture;

/// <summary>The reference captures in the repository's <c>data/</c> folder: a <c>.pcap</c> and a <c>.json</c> note (kernel, date) per experiment.</summary>
public static class Recordings
{
    /// <summary>Set to a folder to save every live capture there when it ends (what <c>./lab record</c> does).</summary>
    public const string RecordVariable = "RSTLAB_RECORD";

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

    /// <summary>Loads the recording named <paramref name="name"/>, or null when there is none.</summary>
    public static Recording? Load(string name, string? folder = null)
    {
        ValidateName(name);
        folder ??= Folder;
        var pcap = Path.Combine(folder, name + ".pcap");
        if (!File.Exists(pcap))
            return null;
        var notePath = Path.Combine(folder, name + ".json");
        var note = File.Exists(notePath)
            ? JsonSerializer.Deserialize<RecordingNote>(File.ReadAllText(notePath)) ?? throw new InvalidDataException($"{notePath} is empty.")
            : new RecordingNote(name, "unknown kernel", DateTimeOffset.MinValue, "", 0);
        return new Recording(note, PcapFile.Read(pcap));
    }

    /// <summary>Saves frames as the recording <paramref name="name"/> with a note of this machine's kernel.</summary>
    public static void Save(string name, IReadOnlyCollection<Frame> frames, string filter, int serverPort, string? folder = null)
    {
        ValidateName(name);
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        PcapFile.Write(Path.Combine(folder, name + ".pcap"), frames);
        var note = new RecordingNote(name, KernelRelease(), DateTimeOffset.UtcNow, filter, serverPort);
        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(note, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The running kernel's release, e.g. <c>6.18.44</c>.</summary>
    public static string KernelRelease() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString;

    static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(".."))
            throw new ArgumentException($"'{name}' is not a usable recording name (letters, digits and dashes, e.g. 01-refused).", nameof(name));
    }
}

/// <summary>What was recorded, where and when.</summary>
/// <param name="Name">The experiment's recording name, e.g. <c>01-refused</c>.</param>
/// <param name="Kernel">Kernel release of the recording machine.</param>
/// <param name="Recorded">When it was recorded.</param>
/// <param name="Filter">The BPF filter used.</param>
/// <param name="ServerPort">The experiment's server port.</param>
public sealed record RecordingNote(string Name, string Kernel, DateTimeOffset Recorded, string Filter, int ServerPort);

/// <summary>A recorded capture with its note.</summary>
public sealed record Recording(RecordingNote Note, IReadOnlyList<Frame> Frames);
