using RstLab.Cli;

namespace RstLab.Tests;

/// <summary>The lab command as a person meets it: help everywhere, a bad command line refused with exit 2 and the usage, changing nothing.</summary>
public class LabCommandTests
{
    public static TheoryData<string[], string> Helps => new()
    {
        { ["--help"], " [command] [options]" },
        { ["setup", "--help"], " setup [options]" },
        { ["run", "--help"],  "run [<notebook>...] [options]" },
        { ["test", "--help"], "--filter <expression>" },
        { ["record", "--help"], "--replace" },
        { ["bench", "--help"], "--runs <n>" },
        { ["run", "-h"],  "run [<notebook>...] [options]" },
        { ["diagnose", "--help"], "diagnose <file> [options]" },
        { ["apps", "--help"], "--check" },
        { ["run", "--help"], "--runner <repl|jupyter>" },
        { ["run", "--help"], "-j, --jobs <n>" },
        { ["bench", "--help"], "--start-up" },
    };

    [Theory]
    [MemberData(nameof(Helps))]
    public void It_answers_help_for_the_lab_and_every_verb_without_running_anything(string[] args, string usage)
    {
        using var course = new FakeCourse();
        var before = course.Listing();

        var (code, output) = course.Lab(args);

        Assert.Equal(0, code);
        Assert.Contains(usage, output.Replace("\r\n", "\n"));
        Assert.Equal(before, course.Listing());
    }

    public static TheoryData<string[], string> BadLines => new()
    {
        { ["bogus"], "Unrecognized command or argument 'bogus'" },
        { [], "Required command was not provided" },
        { ["run", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["test", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["record", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["record", "--replace", "99"], "'99' is no notebook of the course; name one of: 01-first, 02-second." },
        { ["bench", "--runs", "0"], "--runs must be at least 1." },
        { ["bench", "--runs", "many"], "many" },
        { ["run", "--jobs", "0"], "--jobs must be at least 1." },
        { ["run", "-j", "two"], "two" },
        { ["setup", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["diagnose"], "Required argument 'file' missing for command: 'diagnose'" },
        { ["diagnose", "a.pcap", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["diagnose", "a.pcap", "--html"], "Required argument missing for option: '--html'" },
        { ["apps", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["apps", "99"], "'99' is no notebook of the course; name one of: 01-first, 02-second." },
        { ["run", "--runner", "kernel"], "Cannot parse argument 'kernel' for option '--runner'" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void It_refuses_an_unknown_verb_option_or_argument_with_exit_2_and_the_usage_changing_nothing(string[] args, string problem)
    {
        using var course = new FakeCourse();
        var before = course.Listing();

        var (code, output) = course.Lab(args);

        Assert.Equal(LabCommand.Usage, code);
        Assert.Contains(problem, output);
        Assert.Contains("Usage:", output);
        Assert.Equal(before, course.Listing());   // not even setup ran (it leaves setup-ran)
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("run --bogus")]
    [InlineData("test --bogus")]
    [InlineData("record --bogus")]
    [InlineData("bench --bogus")]
    [InlineData("diagnose --bogus")]
    public void It_refuses_through_the_entry_script_changing_nothing_in_data_out_or_lib(string args)
    {
        // out/tests is where this very test run writes its results; lib/RstLab.Tests/bin is where it runs from.
        bool Mine(string path) => !path.Contains("/out/tests/", StringComparison.Ordinal) && !path.Contains("/RstLab.Tests/bin/", StringComparison.Ordinal)
            && !path.Contains("/RstLab.Tests/obj/", StringComparison.Ordinal);
        IReadOnlyList<string> Listing() => new[] { "data", "out", "lib" }.SelectMany(f => FakeCourse.Listing(Path.Combine(Notebooks.Root, f), Mine)).ToList();
        var before = Listing();

        var (code, output, error) = Command.Run(Path.Combine(Notebooks.Root, "lab"), args, Notebooks.Root, TimeSpan.FromMinutes(3));

        Assert.True(code == 2, $"exit {code}: {output}{error}");
        Assert.Contains("Usage:", error);
        Assert.Equal(before, Listing());
    }

    [Fact]
    public void It_diagnoses_a_capture_with_a_row_per_reset()
    {
        using var course = new FakeCourse();

        var (code, output) = course.Lab("diagnose", Fixtures.Path("refused.pcap"));

        Assert.Equal(0, code);
        Assert.Matches(@"\n2 +\S+ +127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+ +responder +Syn +Stack +NoConnectionRule +Accepted +NoListener \d+% +ECONNREFUSED +REJ +Sr\n", output.Replace("\r\n", "\n"));
        Assert.Contains("1 reset(s) among 2 TCP segments", output);
    }

    [Fact]
    public void It_refuses_a_missing_or_damaged_capture_with_exit_2_in_one_sentence_changing_nothing()
    {
        using var course = new FakeCourse();
        var damaged = Path.Combine(course.Root, "cut.pcap");
        File.WriteAllBytes(damaged, File.ReadAllBytes(Fixtures.Path("refused.pcap"))[..30]);
        var before = course.Listing();

        var missing = course.Lab("diagnose", Path.Combine(course.Root, "none.pcap"), "--html", Path.Combine(course.Root, "page.html"));
        var cut = course.Lab("diagnose", damaged, "--json");

        Assert.Equal((2, $"There is no capture file (.pcap or .pcapng) at {Path.Combine(course.Root, "none.pcap")}; pass the path of an existing one.\n"),
            (missing.Code, missing.Output.Replace("\r\n", "\n")));
        Assert.Equal(2, cut.Code);
        Assert.Matches(@"^\S+cut\.pcap is truncated[^\n]*\.\n$", cut.Output.Replace("\r\n", "\n"));
        Assert.Equal(before, course.Listing());
    }

    [Fact]
    public void It_answers_help_through_the_entry_script_for_setup_too()
    {
        var (code, output, error) = Command.Run(Path.Combine(Notebooks.Root, "lab"), "setup --help", Notebooks.Root, TimeSpan.FromMinutes(3));

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.Contains("--capture", output);
    }
}
