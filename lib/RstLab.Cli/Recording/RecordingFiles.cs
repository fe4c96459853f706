namespace RstLab.Cli.Recording;

/// <summary>A recording on disk is every <c>NAME.*</c> file of a folder together: the capture <c>NAME.pcap</c>, its note <c>NAME.json</c> and any sidecar; they are replaced together or not at all.</summary>
public static class RecordingFiles
{
    /// <summary>The recordings in <paramref name="folder"/>, by name: one per <c>NAME.pcap</c>.</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.pcap").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Every file of the recording <paramref name="name"/> in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Of(string folder, string name) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, name + ".*").Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Replaces the recording <paramref name="name"/> in <paramref name="target"/> with the one in <paramref name="staged"/> (a folder on the same file system,
    /// fully written): each file moves in by rename, so it is whole, old or new, at every moment; old files the new recording lacks go.</summary>
    public static void Replace(string staged, string target, string name)
    {
        var incoming = Of(staged, name);
        if (!incoming.Any(f => f.EndsWith(".pcap", StringComparison.Ordinal)))
            throw new InvalidOperationException($"{Path.Combine(staged, name)}.pcap is missing: the recording {name} was not replaced.");
        var names = incoming.Select(Path.GetFileName).ToHashSet();
        var stale = Of(target, name).Where(f => !names.Contains(Path.GetFileName(f))).ToList();
        foreach (var file in incoming)
            File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var file in stale)
            File.Delete(file);
    }
}
