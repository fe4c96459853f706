using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>What can be checked of the devcontainer without a container engine (its post-create step runs in <see cref="SetupTests"/>).</summary>
public sealed class DevcontainerTests
{
    [Fact]
    public void It_uses_the_dotnet_10_devcontainer_image()
    {
        var image = (string?)Devcontainer.Load()["image"];

        Assert.Matches(@"^mcr\.microsoft\.com/devcontainers/dotnet:(\d+-)?10\.0(-\w+)?$", image);
    }

    [Fact]
    public void It_installs_polyglot_notebooks_and_jupyter()
    {
        var extensions = Devcontainer.Load()["customizations"]?["vscode"]?["extensions"]?.AsArray().Select(e => (string?)e).ToList();

        Assert.NotNull(extensions);
        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", extensions);
        Assert.Contains("ms-toolsai.jupyter", extensions);
    }

    /// <summary>File capabilities outside the container's bounding set make dotnet refuse to start; the setup grants only what is there.</summary>
    [Fact]
    public void It_adds_the_capabilities_capture_and_namespaces_need()
    {
        var runArgs = Devcontainer.Load()["runArgs"]!.AsArray().Select(a => (string?)a).ToList();

        Assert.Contains("--cap-add=NET_RAW", runArgs);
        Assert.Contains("--cap-add=NET_ADMIN", runArgs);
        Assert.Contains("--cap-add=SYS_ADMIN", runArgs);
        Assert.Contains("--security-opt=apparmor=unconfined", runArgs);
    }

    /// <summary>Polyglot Notebooks runs the pinned kernel's dll under the capture copy the setup makes for vscode, with stdio only.</summary>
    [Fact]
    public void It_starts_polyglot_notebooks_under_the_capture_copy()
    {
        var args = Devcontainer.Load()["customizations"]?["vscode"]?["settings"]?["dotnet-interactive.kernelTransportArgs"]?.AsArray().Select(a => (string)a!).ToList();
        var version = (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(Notebooks.Root, ".config", "dotnet-tools.json")))!["tools"]!["microsoft.dotnet-interactive"]!["version"];

        Assert.NotNull(args);
        Assert.Equal("/home/vscode/.local/share/rstlab/dotnet/dotnet", args[0]);
        Assert.Equal($"/home/vscode/.nuget/packages/microsoft.dotnet-interactive/{version}/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll", args[1]);
        Assert.Equal(["[vscode]", "stdio", "--working-dir", "{working_dir}"], args[2..]);
    }

    [Fact]
    public void It_works_as_the_unprivileged_vscode_user()
    {
        Assert.Equal("vscode", (string?)Devcontainer.Load()["remoteUser"]);
    }

    /// <summary>No second recipe: the container runs the README's setup, with the step that grants live capture.</summary>
    [Fact]
    public void It_runs_the_readme_setup_after_creation()
    {
        var readme = File.ReadAllText(Path.Combine(Notebooks.Root, "README.md"));

        Assert.Equal("./lab setup --capture", Devcontainer.PostCreateCommand);
        Assert.Contains("./lab setup --capture", readme);
    }
}
