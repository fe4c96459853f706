using System.Net;
using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>
/// The devcontainer's post-create step, run as the container would run it (its exact command, in a fresh copy of
/// the repository, with a fresh HOME) on this machine: the same <c>./lab setup</c> the README and CI use.
/// </summary>
/// <remarks>
/// Here it runs as root (no sudo on this machine); in the container it runs as vscode and reaches apt and setcap
/// through sudo. A private dotnet comes first on PATH, so the capabilities it grants land on that copy only.
/// </remarks>
[Collection("live")]
public sealed class SetupTests(SetupTests.PostCreate setup) : IClassFixture<SetupTests.PostCreate>
{
    [LiveFact]
    public void It_completes_the_post_create_step()
    {
        Assert.True(setup.Result.Code == 0, $"'{Devcontainer.PostCreateCommand}' failed (exit {setup.Result.Code}): {setup.Result.Output}{setup.Result.Error}");
    }

    [LiveFact]
    public void It_builds_the_library_the_first_cell_loads()
    {
        Assert.True(File.Exists(Path.Combine(setup.Repo, "lib", "bin", "RstLab.Notebooks.dll")), setup.Result.Output + setup.Result.Error);
    }

    [LiveFact]
    public void It_grants_capture_to_the_dotnet_on_path_and_nothing_else()
    {
        Assert.Equal("cap_net_admin,cap_net_raw=eip", setup.Dotnet.Capabilities);
        Assert.Equal("", PrivateDotnet.CapabilitiesOf(PrivateDotnet.Real));
    }

    /// <summary>
    /// In a container that lacks NET_ADMIN (an engine that ignores runArgs), a dotnet carrying cap_net_admin would not
    /// start at all, even for root: the setup grants only what the bounding set holds, and dotnet still starts.
    /// </summary>
    [LiveFact]
    public void It_grants_only_the_capabilities_the_container_allows()
    {
        using var dotnet = PrivateDotnet.Create();

        var run = Command.Run("capsh",
            $"--drop=cap_net_admin -- -c \"env -u CONDA_PREFIX HOME={setup.Home} DOTNET_CLI_HOME={setup.Home} NUGET_PACKAGES={PostCreate.Packages} PATH={dotnet.Folder}:$PATH ./lab setup --capture\"",
            setup.Repo, TimeSpan.FromMinutes(5));

        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.Contains("cap_net_admin is not available here", run.Error);
        Assert.Equal("cap_net_raw=eip", dotnet.Capabilities);
        Assert.Equal(0, Command.Run(dotnet.Executable, "--version").Code);
    }

    /// <summary>Debian's Jupyter (no <c>jupyter kernelspec</c> command) finds the kernel the setup registered, and it runs the pinned tool.</summary>
    [LiveFact]
    public void It_registers_the_net_csharp_kernel_where_jupyter_finds_it()
    {
        var specs = JsonNode.Parse(Command.Check("env",
            $"-u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME={setup.Home} {JupyterKernel.JupyterPython} -c \"import json; from jupyter_client.kernelspec import KernelSpecManager; print(json.dumps(KernelSpecManager().get_all_specs()))\""))!;

        var csharp = specs[".net-csharp"];
        Assert.NotNull(csharp);
        Assert.StartsWith(setup.Home, (string?)csharp["resource_dir"]);
        Assert.Equal(["dotnet", "interactive", "jupyter"], csharp["spec"]!["argv"]!.AsArray().Take(3).Select(a => (string?)a));
        Assert.Equal("C#", (string?)csharp["spec"]!["language"]);
    }

    /// <summary>The container's user is not root: after the post-create step its kernel captures live, without sudo.</summary>
    [LiveFact]
    public void It_lets_an_ordinary_user_capture_live_without_sudo()
    {
        Learner.Ensure();
        using var output = Learner.OutputFolder();

        var run = Learner.Execute("00-lab-check.ipynb", output.Path, setup.Dotnet.Folder, course: setup.Repo);

        Assert.True(run.Executed is not null, run.Log);
        Assert.Empty(Notebooks.Errors(run.Executed!));
        var page = WebUtility.HtmlDecode(Notebooks.Html(run.Executed!));
        Assert.Contains("Live capture on lo, filter", page);
        Assert.DoesNotContain("not permitted for this user", page);
    }

    /// <summary>Runs the post-create command once for all these tests; removes the copy, HOME and private dotnet afterwards.</summary>
    public sealed class PostCreate : IDisposable
    {
        readonly string _root = Path.Combine(Path.GetTempPath(), $"rstlab-post-create-{Environment.ProcessId}");

        public PostCreate()
        {
            if (!LiveFactAttribute.IsRootUser)
                return;
            Dotnet = PrivateDotnet.Create();
            Repo = Path.Combine(_root, "repo");
            Home = Path.Combine(_root, "home");
            CopyRepository(Notebooks.Root, Repo);
            Directory.CreateDirectory(Home);
            // Everything but the package cache starts empty, as in a new container.
            Result = Command.Run("env",
                $"-u JUPYTER_DATA_DIR -u JUPYTER_PATH -u CONDA_PREFIX HOME={Home} DOTNET_CLI_HOME={Home} NUGET_PACKAGES={Packages} " +
                $"PATH={Dotnet.Folder}:{Environment.GetEnvironmentVariable("PATH")} sh -c \"{Devcontainer.PostCreateCommand}\"",
                Repo, TimeSpan.FromMinutes(10));
            // The learner reads this copy in the last test, as vscode reads its workspace.
            Command.Check("chmod", $"-R a+rX {_root}");
        }

        /// <summary>The machine's NuGet package cache: the restore stays offline-fast.</summary>
        public static string Packages => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        internal PrivateDotnet Dotnet { get; } = null!;
        public string Repo { get; } = "";
        public string Home { get; } = "";
        public (int Code, string Output, string Error) Result { get; }

        public void Dispose()
        {
            Dotnet?.Dispose();
            if (Directory.Exists(_root))
                Command.Run("rm", $"-rf {_root}");
        }

        /// <summary>The repository as a fresh clone would have it: no build output, no test runs, no git folder.</summary>
        static void CopyRepository(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from).Where(f => Path.GetFileName(f) != ".git"))
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var dir in Directory.GetDirectories(from))
            {
                var name = Path.GetFileName(dir);
                if (name is ".git" or "bin" or "obj" or "out" or "TestResults" || name.StartsWith(".twice-"))
                    continue;
                CopyRepository(dir, Path.Combine(to, name));
            }
        }
    }
}
