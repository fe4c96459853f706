using RstLab.Diagnosis;
using RstLab.Scenarios;

namespace RstLab.Tests;

/// <summary>05-diagnose's mystery: the seed picks the same causes again, and the diagnosis names each one, live and from the recordings.</summary>
[Collection("live")]
public sealed class MysteryTests
{
    [Fact]
    public void It_picks_the_same_different_suspects_for_the_same_seed()
    {
        var first = Mystery.Pick(42);

        Assert.Equal(first, Mystery.Pick(42));
        Assert.Equal(3, first.Distinct().Count());
        Assert.Contains(Enumerable.Range(1, 20), s => !Mystery.Pick(s).SequenceEqual(first));
    }

    [Fact]
    public void It_refuses_more_mysteries_than_suspects()
    {
        var e = Assert.Throws<LabArgumentException>(() => Mystery.Pick(1, MysterySuspect.All.Count + 1));
        Assert.Contains("suspects", e.Message);
    }

    [Fact]
    public void It_has_a_recording_of_each_suspect_whose_reset_is_diagnosed_as_its_cause()
    {
        Assert.All(MysterySuspect.All, s => Assert.All(ResetDiagnoser.Diagnose(RstLab.Capture.Recordings.PathOf(s.Recording)),
            d => Assert.Equal(s.Cause, d.Cause)));
    }

    [LiveFact]
    public void It_names_every_hidden_cause_of_a_live_mystery_and_says_when_a_guess_is_missing()
    {
        using var mystery = Mystery.Start(seed: 7, count: MysterySuspect.All.Count);
        mystery.Run();

        Assert.True(mystery.IsLive);
        Assert.True(mystery.Solved, string.Join("\n", mystery.Diagnoses.SelectMany(d => d).Select(t => $"{t.Capture}: {t.Diagnosis.Cause}")));
        var answers = mystery.Reveal([ResetCause.NoListener]);
        Assert.Equal(answers[0].Truth.Cause == ResetCause.NoListener, answers[0].Feedback.StartsWith("Right", StringComparison.Ordinal));
        Assert.All(answers.Skip(1), a => Assert.StartsWith("No guess", a.Feedback, StringComparison.Ordinal));
    }
}
