using System.Net;
using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>
/// The devcontainer's post-create step, run as the container would run it (its exact command, in a fresh copy of the
/// repository, with a fresh HOME) on this machine: the same <c>./lab setup</c> the README and CI use.
/// </summary>
/// <remarks>
/// In the container it runs as vscode and reaches apt and setcap through sudo; here root runs it for the learner with
/// <c>SUDO_USER</c> set, as sudo would, so the capture copy is made for the learner.
/// </remarks>
[Collection("live")]
public sealed class SetupTests(SetupTests.PostCreate setup) : IClassFixture<SetupTests.PostCreate>
{
    [LiveFact]
    public void It_completes_the_post_create_step()
    {
        Assert.True(setup.Lab.Result.Code == 0, $"'{Devcontainer.PostCreateCommand}' failed (exit {setup.Lab.Result.Code}): {setup.Lab.Result.Output}{setup.Lab.Result.Error}");
    }

    [LiveFact]
    public void It_builds_the_library_the_first_cell_loads()
    {
        Assert.True(File.Exists(Path.Combine(setup.Lab.Repo, "lib", "bin", "RstLab.Notebooks.dll")), setup.Lab.Result.Output + setup.Lab.Result.Error);
    }

    /// <summary>As Wireshark does with dumpcap: the capabilities go on a copy only the learner can run, never on the system's dotnet.</summary>
    [LiveFact]
    public void It_grants_capture_to_a_copy_of_dotnet_only_the_learner_runs()
    {
        var copy = setup.Lab.CaptureDotnet;

        Assert.Equal("cap_net_admin,cap_net_raw=eip", LabSetup.CapabilitiesOf(copy));
        Assert.Equal($"{Learner.Name} 500", Command.Check("stat", $"-c \"%U %a\" {copy}").Trim());
        Assert.Equal($"{Learner.Name} 700", Command.Check("stat", $"-c \"%U %a\" {Path.GetDirectoryName(copy)}").Trim());
        Assert.Equal("", LabSetup.CapabilitiesOf(LabSetup.SystemDotnet));
        Assert.Contains($"a copy of {LabSetup.SystemDotnet} that only {Learner.Name} can run", setup.Lab.Result.Output);
        Assert.Contains("./lab setup --no-capture", setup.Lab.Result.Output);
    }

    /// <summary>Any other ordinary user of the machine is refused at the copy's folder.</summary>
    [LiveFact]
    public void It_lets_no_other_user_run_the_copy()
    {
        var other = Learner.Other();

        var run = Command.Run("runuser", $"-u {other} -- {setup.Lab.CaptureDotnet} --list-runtimes");

        Assert.NotEqual(0, run.Code);
        Assert.Contains("Permission denied", run.Error);
    }

    /// <summary>Debian's Jupyter (no <c>jupyter kernelspec</c> command) finds the kernel the setup wrote, which runs the pinned tool closed to the network.</summary>
    [LiveFact]
    public void It_registers_the_net_csharp_kernel_where_jupyter_finds_it()
    {
        var csharp = KernelSpecs(setup.Lab.Home)[".net-csharp"];

        Assert.NotNull(csharp);
        Assert.StartsWith(setup.Lab.Home, (string?)csharp["resource_dir"]);
        var argv = csharp["spec"]!["argv"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.EndsWith("/microsoft.dotnet-interactive/1.0.712001/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll", argv[1]);
        Assert.Equal(["jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"], argv[2..]);
        Assert.True(File.Exists((string?)csharp["spec"]!["env"]!["DOTNET_STARTUP_HOOKS"]), "The kernel's startup hook (RstLab.KernelGuard.dll) is not beside the kernelspec.");
        Assert.Equal("C#", (string?)csharp["spec"]!["language"]);
    }

    /// <summary>
    /// The learner's own setup after capture was granted (no root, no sudo: nothing left to install) points Jupyter's kernel at
    /// the capture copy, and the kernel captures live in Jupyter.
    /// </summary>
    [LiveFact]
    public void It_runs_the_learners_jupyter_kernel_under_the_capture_copy()
    {
        var home = $"/home/{Learner.Name}";
        var jupyterData = Path.Combine(setup.Lab.DataHome, "jupyter");

        var run = setup.Lab.RunAs(Learner.Name, home, "setup");

        Assert.True(run.Code == 0, run.Output + run.Error);
        var spec = KernelSpecs(home, setup.Lab.DataHome)[".net-csharp"]!;
        Assert.StartsWith(jupyterData, (string?)spec["resource_dir"]);
        Assert.Equal(setup.Lab.CaptureDotnet, (string?)spec["spec"]!["argv"]![0]);
        using var output = Learner.OutputFolder();
        var executed = Learner.ExecuteInJupyter("00-lab-check.ipynb", output.Path, setup.Lab.Repo, setup.Lab.DataHome);
        var page = WebUtility.HtmlDecode(NotebookRunTests.AssertCompleted(executed));
        Assert.Contains("Live capture on lo, filter", page);
    }

    /// <summary>The container's user is not root: after the post-create step its notebooks capture live, without sudo.</summary>
    [LiveFact]
    public void It_lets_an_ordinary_user_capture_live_without_sudo()
    {
        using var output = Learner.OutputFolder();

        var run = Learner.Execute("00-lab-check.ipynb", output.Path, setup.Lab.CaptureDotnet, course: setup.Lab.Repo);

        Assert.True(run.Executed is not null, run.Log);
        Assert.Empty(Notebooks.Errors(run.Executed!));
        var page = WebUtility.HtmlDecode(Notebooks.Html(run.Executed!));
        Assert.Contains("Live capture on lo, filter", page);
        Assert.DoesNotContain("not permitted for this user", page);
    }

    /// <summary>Every kernelspec Jupyter finds for a user with this HOME (and XDG_DATA_HOME), as jupyter_client lists them.</summary>
    static JsonNode KernelSpecs(string home, string? dataHome = null) => JsonNode.Parse(Command.Check("env",
        $"-u JUPYTER_DATA_DIR -u JUPYTER_PATH -u XDG_DATA_HOME HOME={home} {(dataHome is null ? "" : $"XDG_DATA_HOME={dataHome} ")}{JupyterKernel.JupyterPython} -c \"import json; from jupyter_client.kernelspec import KernelSpecManager; print(json.dumps(KernelSpecManager().get_all_specs()))\""))!;

    /// <summary>Runs the post-create command once for all these tests, for the learner; removes the copy, HOME and capture copy afterwards.</summary>
    public sealed class PostCreate : IDisposable
    {
        public PostCreate()
        {
            if (!LiveFactAttribute.IsRootUser)
                return;
            Learner.Ensure();
            Lab = LabSetup.Run(Devcontainer.PostCreateCommand, Learner.Name);
        }

        internal LabSetup Lab { get; } = null!;

        public void Dispose() => Lab?.Dispose();
    }
}
