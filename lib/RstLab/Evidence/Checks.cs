using System.Text.Json;
using RstLab.Capture;
using RstLab.Packets;
using RstLab.Tracing;

namespace RstLab.Evidence;

/// <summary>A notebook's claims, each checked against the live run; <see cref="Assert"/> fails loudly if any does not hold.</summary>
public sealed class Checks(string notebook)
{
    /// <summary>Set to a folder to have <see cref="Assert"/> write <c>NOTEBOOK.summary.json</c> there (the course runner's summary).</summary>
    public const string SummaryVariable = "RSTLAB_SUMMARY";
    readonly List<CheckResult> _results = [];
    readonly Dictionary<string, string> _facts = [];

    /// <summary>The notebook these checks belong to, e.g. <c>01-no-listener</c>.</summary>
    public string Notebook { get; } = Guard.NotBlank(notebook);

    /// <summary>Every claim checked so far, in order.</summary>
    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>Facts for the course summary (e.g. "RST seen", "errno").</summary>
    public IReadOnlyDictionary<string, string> Facts => _facts;

    /// <summary>True when every claim holds.</summary>
    public bool AllHold => _results.All(r => r.Holds);

    /// <summary>Records a claim, whether it holds, and what was actually observed.</summary>
    public Checks That(string claim, bool holds, object? observed = null)
    {
        Guard.NotBlank(claim);
        _results.Add(new CheckResult(claim, holds, observed?.ToString() ?? ""));
        return this;
    }

    /// <summary>Records the claim that the kernel's traced reason for a reset of <paramref name="wire"/> is <paramref name="expected"/>; where the reasons
    /// could not be traced (not root, no tracefs, a kernel older than 6.10) it says so plainly instead, without failing.</summary>
    /// <param name="what">The experiment, e.g. <c>no listener</c>.</param>
    /// <param name="wire">The experiment's capture.</param>
    /// <param name="expected">The reason the notebook's text gives.</param>
    /// <param name="row">The reset meant; default: the first reset the server sent.</param>
    public Checks Reason(string what, WireCapture wire, RstReason expected, PacketRow? row = null)
    {
        Guard.NotBlank(what);
        Guard.NotNull(wire);
        if (!wire.IsTraced)
            return That($"{what}: the kernel's reason for the reset ({expected}) could not be traced here", true, wire.TraceUnavailable);
        row ??= wire.Packets.Rsts.FirstOrDefault(r => !r.FromClient);
        var observed = row is null ? "no reset from the server" : row.Kernel?.ToString() ?? Unmatched(row, wire.Resets);
        return That($"{what}: the kernel traced reason {expected} for its reset{(wire.IsLive ? "" : " (in the recording)")}", row?.Reason == expected, observed);
    }

    // What the trace held instead, so a failed claim says whether the event was missing or traced at another time.
    static string Unmatched(PacketRow row, IReadOnlyList<ResetEvent> resets)
    {
        var nearest = resets.Where(e => e.Direction == ResetDirection.Sent && e.Source.Equals(row.Segment.Source))
            .MinBy(e => (e.Time - row.Segment.Time).Duration());
        return $"no tcp_send_reset event matched reset #{row.Number}" + (nearest is null
            ? $"; none was traced from {row.Segment.Source}"
            : $"; the nearest from {row.Segment.Source} was traced {(nearest.Time - row.Segment.Time).TotalSeconds:+0.000;-0.000} s from it");
    }

    /// <summary>Records the same reason claim for several experiments' first server reset, one claim each (see <see cref="Reason(string, WireCapture, RstReason, PacketRow?)"/>).</summary>
    /// <param name="expected">The reason the notebook's text gives for every one of them.</param>
    /// <param name="resets">Each experiment's name and capture, e.g. <c>("no listener", refused.Wire)</c>.</param>
    public Checks Reason(RstReason expected, params (string What, WireCapture Wire)[] resets)
    {
        Guard.NotNull(resets);
        if (resets.Length == 0)
            throw new LabArgumentException("Name at least one experiment whose reset has this reason.", nameof(resets));
        foreach (var (what, wire) in resets)
            Reason(what, wire, expected);
        return this;
    }

    /// <summary>Records a claim that <paramref name="observed"/> is what <paramref name="expected"/> describes; a failure shows both, like a test diff.</summary>
    public Checks That<T>(string claim, T observed, IExpectation<T> expected)
    {
        Guard.NotBlank(claim);
        Guard.NotNull(expected);
        bool holds;
        try { holds = expected.IsMetBy(observed!); }
        catch (LabArgumentException) when (observed is null) { holds = false; }   // nothing observed meets no expectation but "nothing"
        var shown = observed is null ? "nothing" : expected.Show(observed);
        _results.Add(new CheckResult(claim, holds, shown) { Expected = expected.ToString() ?? "" });
        return this;
    }

    /// <summary>Records one counter claim per experiment, worded with the experiment and its expected moves (<c>ss -K: OutRsts +1, EstabResets +2</c>): exact in a private namespace, at least on the shared stack.</summary>
    /// <param name="claims">Each experiment's name, its run and what its counters should have moved, e.g. <c>("ss -K", kill, aborts)</c>.</param>
    public Checks Moved(params (string What, Scenarios.Experiment Run, IExpectation<Kernel.CounterDelta> Expected)[] claims)
    {
        Guard.NotNull(claims);
        if (claims.Length == 0)
            throw new LabArgumentException("Name at least one experiment whose counters moved.", nameof(claims));
        if (claims.Any(c => string.IsNullOrWhiteSpace(c.What) || c.Run is null || c.Expected is null))
            throw new LabArgumentException("Give each claim a name, an experiment and the moves expected, e.g. (\"ss -K\", kill, aborts).", nameof(claims));
        foreach (var (what, run, expected) in claims)
            That($"{what}: {expected}", run.Counters!, expected);   // null until the run ends: shown as "nothing", not met
        return this;
    }

    /// <summary>Records a claim that every call in <paramref name="calls"/> did what the line of the call predicted (and that some call predicted something).</summary>
    public Checks That(string claim, IEnumerable<Sockets.SocketOutcome> calls)
    {
        Guard.NotBlank(claim);
        var predicted = Guard.NotNull(calls).Where(c => c.Expected is not null).ToList();
        _results.Add(new CheckResult(claim, predicted.Count > 0 && predicted.All(c => c.AsExpected == true),
            string.Join("\n", predicted.Select(c => $"{c.Call} {ExpectedResult.Text(c)}")))
        {
            Expected = string.Join("\n", predicted.Select(c => $"{c.Call} {c.Expected}")),
        });
        return this;
    }

    /// <summary>Records a fact for the course summary, e.g. <c>Fact("errno", "ECONNREFUSED 111")</c>.</summary>
    public Checks Fact(string name, object? value)
    {
        Guard.NotBlank(name);
        _facts[name] = value?.ToString() ?? "";
        return this;
    }

    /// <summary>The course summary's facts from an experiment: "RST seen" (its flags in order, marked when recorded) and "errno" (its client's first failed call).</summary>
    public Checks FactsFrom(Scenarios.Experiment experiment)
    {
        Guard.NotNull(experiment);
        var packets = experiment.Wire.Packets;
        var failed = experiment.Client.FirstOrDefault(c => !c.Succeeded);
        Fact("RST seen", string.Join(" → ", packets.Rows.Select(r => r.Flags.ToText())) + (experiment.Wire.IsLive ? "" : " (recorded)"));
        return Fact("errno", failed is null ? "none" : $"{failed.Error} {failed.NativeErrorCode}");
    }

    /// <summary>Throws <see cref="CheckFailedException"/> listing every claim that does not hold (or if none was made); returns the checks for display otherwise.</summary>
    public Checks Assert()
    {
        if (Environment.GetEnvironmentVariable(SummaryVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var summary = new { notebook = Notebook, passed = _results.Count(r => r.Holds), failed = _results.Count(r => !r.Holds), facts = _facts };
            File.WriteAllText(Path.Combine(folder, Notebook + ".summary.json"), JsonSerializer.Serialize(summary));
        }
        if (_results.Count == 0)
            throw new CheckFailedException($"{Notebook}: no claim was checked.");
        var failed = _results.Where(r => !r.Holds).ToList();
        if (failed.Count > 0)
            throw new CheckFailedException($"{Notebook}: {failed.Count} of {_results.Count} claims do not hold on this machine:\n" +
                string.Join("\n", failed.Select(f => f.Diff())));
        return this;
    }
}

/// <summary>One claim and whether the run bore it out.</summary>
/// <param name="Claim">What the notebook's text says.</param>
/// <param name="Holds">Whether the evidence agrees.</param>
/// <param name="Observed">What was actually seen.</param>
public sealed record CheckResult(string Claim, bool Holds, string Observed)
{
    /// <summary>The expected value, written like <see cref="Observed"/>; empty for a claim checked as a plain condition.</summary>
    public string Expected { get; init; } = "";

    /// <summary>The failed claim with expected and observed one under the other, like a test diff.</summary>
    public string Diff() => Expected.Length == 0
        ? $"  ✗ {Claim} (observed: {Observed})"
        : $"  ✗ {Claim}\n      expected: {Indent(Expected)}\n      observed: {Indent(Observed)}";

    static string Indent(string text) => text.Replace("\n", "\n                ", StringComparison.Ordinal);
}

/// <summary>A notebook's claim did not hold on this machine.</summary>
public sealed class CheckFailedException(string message) : Exception(message)
{
    /// <summary>Only the message: the failed claims are the story, a stack trace would bury them.</summary>
    public override string ToString() => Message;
}
