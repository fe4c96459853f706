namespace RstLab.Tests;

/// <summary>
/// A private copy of the machine's <c>dotnet</c> host in a temp folder, beside links to the real install, so file
/// capabilities can be set on it without touching the real binary that other tests run at the same time.
/// </summary>
/// <remarks>
/// The SDK finds the muxer two folders above its own real path, so <c>sdk/</c> is a tree of hard links (a symlink
/// would resolve back to the real install and tools would start under the real, capability-free <c>dotnet</c>).
/// The host itself is a true copy: a hard link would share the real binary's inode and so its capabilities.
/// </remarks>
sealed class PrivateDotnet : IDisposable
{
    PrivateDotnet(string folder) => Folder = folder;

    /// <summary>The folder to put first on PATH.</summary>
    public string Folder { get; }

    /// <summary>The private host executable.</summary>
    public string Executable => Path.Combine(Folder, "dotnet");

    /// <summary>The real dotnet binary that PATH finds (symlinks resolved).</summary>
    public static string Real => Command.Check("sh", "-c \"readlink -f \\\"$(command -v dotnet)\\\"\"").Trim();

    /// <summary>Makes the copy; with <paramref name="capabilities"/> (e.g. <c>cap_net_raw</c>) set on it as <c>=eip</c>.</summary>
    public static PrivateDotnet Create(string? capabilities = null)
    {
        var real = Real;
        var install = Path.GetDirectoryName(real)!;
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"rstlab-dotnet-{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;
        var copy = new PrivateDotnet(folder);
        try
        {
            File.Copy(real, copy.Executable);
            foreach (var entry in Directory.GetFileSystemEntries(install).Select(Path.GetFileName).OfType<string>())
            {
                if (entry is "dotnet") continue;
                var target = Path.Combine(folder, entry);
                if (entry is "sdk")
                    HardLinkTree(Path.Combine(install, entry), target);
                else
                    File.CreateSymbolicLink(target, Path.Combine(install, entry));
            }
            if (Inode(real) == Inode(copy.Executable))
                throw new InvalidOperationException("The private dotnet shares the real binary's inode; refusing to set capabilities on it.");
            Command.Check("chmod", $"755 {folder}");
            if (capabilities is not null)
                copy.Grant(capabilities);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Sets file capabilities on the copy; fails with the reason when this file system cannot carry them.</summary>
    public void Grant(string capabilities)
    {
        var mount = Command.Check("findmnt", $"-no FSTYPE,OPTIONS -T {Folder}").Trim();
        if ($",{mount.Split(' ').Last()},".Contains(",nosuid,"))
            throw new InvalidOperationException($"{Folder} is on a nosuid mount ({mount}): file capabilities would be ignored there.");
        var (code, output, error) = Command.Run("setcap", $"{capabilities}=eip {Executable}");
        if (code != 0)
            throw new InvalidOperationException($"setcap failed on {Folder} ({mount}; file capabilities need extended attributes): {output}{error}");
    }

    /// <summary>The copy's file capabilities as getcap prints them (empty when none).</summary>
    public string Capabilities => CapabilitiesOf(Executable);

    /// <summary>A file's capabilities as getcap prints them, without the file name.</summary>
    public static string CapabilitiesOf(string file) => Command.Check("getcap", file).Replace(file, "").Trim();

    static void HardLinkTree(string from, string to)
    {
        if (Command.Run("cp", $"-al {from} {to}").Code != 0)
            Command.Check("cp", $"-r {from} {to}");  // another file system: a real copy
    }

    static string Inode(string file) => Command.Check("stat", $"-c %d:%i {file}").Trim();

    /// <summary>Deletes the copy; rm removes the links, never what they point to.</summary>
    public void Dispose() => Command.Run("rm", $"-rf {Folder}");
}
