using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary><c>environment.yml</c> for JupyterLab users: it parses and names only conda-forge packages checked by hand.</summary>
public sealed class EnvironmentFileTests
{
    /// <summary>
    /// Every package it may name, each checked on anaconda.org's conda-forge pages (2026-11): dotnet-sdk 10.0.100,
    /// dotnet-aspnetcore 10.0.0, libpcap 1.10.6; jupyterlab (conda-forge/jupyterlab-feedstock); python.
    /// No conda registry is reachable from CI, so a new name must be checked the same way and added here.
    /// </summary>
    static readonly string[] CheckedPackages = ["python", "jupyterlab", "dotnet-sdk", "dotnet-aspnetcore", "libpcap"];

    [Fact]
    public void It_parses_and_uses_conda_forge_only()
    {
        var environment = Load();

        Assert.Equal("rst-lab", (string?)environment["name"]);
        Assert.Equal(["conda-forge", "nodefaults"], environment["channels"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public void It_names_only_checked_packages()
    {
        Assert.All(Dependencies(), d => Assert.Contains(d.Name, CheckedPackages));
    }

    /// <summary>The kernel tool runs on Microsoft.AspNetCore.App, which conda-forge's dotnet-sdk does not bring.</summary>
    [Fact]
    public void It_brings_dotnet_10_with_asp_net_core_jupyterlab_and_libpcap()
    {
        var dependencies = Dependencies().ToDictionary(d => d.Name, d => d.Spec);

        Assert.Equal(">=10.0.100,<11", dependencies["dotnet-sdk"]);
        Assert.Equal(">=10.0.0,<11", dependencies["dotnet-aspnetcore"]);
        Assert.Contains("jupyterlab", dependencies.Keys);
        Assert.Contains("libpcap", dependencies.Keys);
    }

    [Fact]
    public void It_is_the_file_the_readme_tells_jupyter_users_to_create()
    {
        var readme = File.ReadAllText(Path.Combine(Notebooks.Root, "README.md"));

        Assert.Contains("conda env create -f environment.yml", readme);
        Assert.Contains($"conda activate {(string?)Load()["name"]}", readme);
    }

    static IEnumerable<(string Name, string Spec)> Dependencies() =>
        Load()["dependencies"]!.AsArray().Select(d => (string)d!).Select(d =>
        {
            var parts = d.Split(' ', 2, StringSplitOptions.TrimEntries);
            return (parts[0], parts.Length > 1 ? parts[1] : "");
        });

    /// <summary>Parses the YAML with Debian's python3-yaml (installed by <c>./lab setup --tests</c>) and hands it over as JSON.</summary>
    static JsonNode Load()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var json = Command.Check(python, $"-c \"import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))\" {Path.Combine(Notebooks.Root, "environment.yml")}");
        return JsonNode.Parse(json)!;
    }
}
