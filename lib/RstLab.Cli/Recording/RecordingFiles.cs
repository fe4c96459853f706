namespace RstLab.Cli.Recording;

/// <summary>A recording on disk is every <c>NAME.*</c> file of a folder together: the capture <c>NAME.pcap</c>, its note <c>NAME.json</c> and any sidecar; they are replaced together or not at all.
/// A name may have one folder (<c>diagnose/nat-expiry</c>: the diagnosis corpus in <c>data/diagnose/</c>).</summary>
public static class RecordingFiles
{
    /// <summary>The recordings in <paramref name="folder"/> and its subfolders, by name: one per <c>NAME.pcap</c> (<c>diagnose/NAME</c> one level below).</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.pcap", SearchOption.AllDirectories)
                .Select(f => Path.ChangeExtension(Path.GetRelativePath(folder, f), null).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(n => n.Count(c => c == '/') <= 1).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Every file of the recording <paramref name="name"/> in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Of(string folder, string name)
    {
        var (inside, file) = Split(folder, name);
        return Directory.Exists(inside) ? Directory.GetFiles(inside, file + ".*").Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>Replaces the recording <paramref name="name"/> in <paramref name="target"/> with the one in <paramref name="staged"/> (a folder on the same file system,
    /// fully written): each file moves in by rename, so it is whole, old or new, at every moment; old files the new recording lacks go.</summary>
    public static void Replace(string staged, string target, string name)
    {
        var incoming = Of(staged, name);
        if (!incoming.Any(f => f.EndsWith(".pcap", StringComparison.Ordinal)))
            throw new InvalidOperationException($"{Path.Combine(staged, name)}.pcap is missing: the recording {name} was not replaced.");
        var names = incoming.Select(Path.GetFileName).ToHashSet();
        var stale = Of(target, name).Where(f => !names.Contains(Path.GetFileName(f))).ToList();
        var into = Directory.CreateDirectory(Split(target, name).Folder).FullName;
        foreach (var file in incoming)
            File.Move(file, Path.Combine(into, Path.GetFileName(file)), overwrite: true);
        foreach (var file in stale)
            File.Delete(file);
    }

    // diagnose/nat-expiry in data → (data/diagnose, nat-expiry).
    static (string Folder, string File) Split(string folder, string name) =>
        (Path.Combine(folder, Path.GetDirectoryName(name) ?? ""), Path.GetFileName(name));
}
