using System.Security.Cryptography;
using RstLab.Capture;

namespace RstLab.Tests;

/// <summary>The load step's check that the kernel's capture copy of dotnet still matches the system's dotnet it was copied from.</summary>
public sealed class CaptureCopyTests
{
    [Fact]
    public void It_says_nothing_for_a_dotnet_that_is_no_capture_copy()
    {
        using var folder = new TempFolder();
        var dotnet = Write(folder, "dotnet", "host");

        Assert.Equal("", CaptureCopy.StaleWarning(dotnet));
    }

    [Fact]
    public void It_says_nothing_while_the_copy_matches_its_source()
    {
        using var folder = new TempFolder();
        var (copy, _) = CopyOf(folder, "host 10.0.1");

        Assert.Equal("", CaptureCopy.StaleWarning(copy));
    }

    [Fact]
    public void It_says_how_to_refresh_a_copy_whose_source_an_update_replaced()
    {
        using var folder = new TempFolder();
        var (copy, source) = CopyOf(folder, "host 10.0.1");
        File.WriteAllText(source, "host 10.0.2");

        var warning = CaptureCopy.StaleWarning(copy);

        Assert.Contains($"the copy of {source} that carries your capture rights, and it no longer matches", warning);
        Assert.Contains("./lab setup --capture", warning);
        Assert.Contains("./lab setup --no-capture", warning);
    }

    [Fact]
    public void It_counts_a_source_that_is_gone_as_stale()
    {
        using var folder = new TempFolder();
        var (copy, source) = CopyOf(folder, "host 10.0.1");
        File.Delete(source);

        Assert.NotEqual("", CaptureCopy.StaleWarning(copy));
    }

    /// <summary>What ./lab setup --capture leaves: the source, its copy, and the record beside the copy.</summary>
    static (string Copy, string Source) CopyOf(TempFolder folder, string content)
    {
        var source = Write(folder, "system-dotnet", content);
        var copy = Write(folder, Path.Combine("copy", "dotnet"), content);
        Write(folder, Path.Combine("copy", CaptureCopy.RecordName), $"{source}\n{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source)))}\n");
        return (copy, source);
    }

    static string Write(TempFolder folder, string name, string content)
    {
        var path = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
