using RstLab.Cli;
using RstLab.Cli.Apps;

namespace RstLab.Tests;

/// <summary>The course as C# file-based apps (<c>apps/NAME.cs</c>, <c>./lab apps</c>): each one is what its notebook generates now, and runs the
/// notebook's experiments and check without a kernel, as root and as an ordinary user, exiting 0 only if every claim held.</summary>
[Collection("live")]
public sealed class AppTests
{
    static readonly Repository Repository = new(Notebooks.Root);

    [Theory]
    [MemberData(nameof(Notebooks.Course), MemberType = typeof(Notebooks))]
    public void It_commits_each_app_as_its_notebook_generates_it_now(string notebook)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var path = AppSource.PathOf(Repository, name);
        Assert.True(File.Exists(path), $"{path} is missing: run ./lab apps");
        Assert.True(AppSource.Generate(Repository, name) == File.ReadAllText(path), $"{path} differs from what notebooks/{notebook} generates now: run ./lab apps");
    }

    [Fact]
    public void It_turns_a_cells_last_expression_into_a_printed_value_and_a_reused_name_into_a_new_one()
    {
        var app = AppSource.Generate(Repository, "02-abort");
        Assert.Contains("#:project ../lib/RstLab.Notebooks/RstLab.Notebooks.csproj", app);
        Assert.DoesNotContain("#r ", app);
        Assert.DoesNotContain("LabNotebook.Load()", app);
        Assert.Contains("LabApp.Start(\"02-abort\");", app);
        Assert.EndsWith("return LabApp.End();\n", app);
        // 02 declares `listener` in two cells; the kernel lets the second hide the first, one program needs two names.
        Assert.Contains("var listener = ", app);
        Assert.Contains("var listener2 = ", app);
    }

    [LiveTheory]
    [MemberData(nameof(Notebooks.Course), MemberType = typeof(Notebooks))]
    public void It_runs_each_app_and_every_claim_holds(string notebook)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var run = Command.Run("dotnet", $"run {AppSource.Folder}/{name}.cs", Notebooks.Root, TimeSpan.FromMinutes(10));
        Assert.True(run.Code == 0, $"dotnet run {AppSource.Folder}/{name}.cs exited {run.Code}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"{name}: every claim held.", run.Output);
        Assert.Contains("✓ ", run.Output);   // the check cell's claims, printed
    }

    /// <summary>As an ordinary user without capabilities, from a copy of the course it owns (the app builds the library there): the
    /// experiments run, the captures come from data/, and every claim still holds.</summary>
    [LiveTheory]
    [MemberData(nameof(Notebooks.Course), MemberType = typeof(Notebooks))]
    public void It_runs_each_app_without_privileges(string notebook)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var course = LearnerCourse.Value;
        var home = $"/home/{Learner.Name}";
        var run = Command.Run("runuser", $"-u {Learner.Name} -- env HOME={home} DOTNET_CLI_HOME={home} dotnet run {AppSource.Folder}/{name}.cs", course, TimeSpan.FromMinutes(10));
        Assert.True(run.Code == 0, $"as {Learner.Name}: dotnet run {AppSource.Folder}/{name}.cs exited {run.Code}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"{name}: every claim held.", run.Output);
        Assert.Contains("Recorded capture", run.Output);   // a packet table from data/, which says why it stands in
    }

    // The learner's own copy of what an app needs: the apps, the library's sources (it builds them), the recordings and the notebooks.
    static readonly Lazy<string> LearnerCourse = new(() =>
    {
        Learner.Ensure();
        var copy = Path.Combine(Path.GetTempPath(), $"rstlab-learner-apps-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true); };
        foreach (var part in new[] { "apps", "lib", "data", "notebooks" })
            Copy(Path.Combine(Notebooks.Root, part), Path.Combine(copy, part));
        File.Copy(Path.Combine(Notebooks.Root, "global.json"), Path.Combine(copy, "global.json"));
        Command.Check("chown", $"-R {Learner.Name}: {copy}");
        return copy;
    });

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "out" or "TestResults")))
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
