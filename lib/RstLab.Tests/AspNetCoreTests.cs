using RstLab.Notebooks;

namespace RstLab.Tests;

public sealed class AspNetCoreTests
{
    [Fact]
    public void It_finds_kestrel_in_the_shared_framework_beside_the_runtime()
    {
        var folder = AspNetCore.Folder();

        Assert.True(File.Exists(Path.Combine(folder, "Microsoft.AspNetCore.Server.Kestrel.Core.dll")), folder);
        Assert.StartsWith($"{Environment.Version.Major}.", Path.GetFileName(folder));
    }

    [Fact]
    public void It_says_it_needs_a_notebook_kernel_outside_one()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AspNetCore.Load());

        Assert.Contains("notebook's C# kernel", refused.Message);
    }
}
