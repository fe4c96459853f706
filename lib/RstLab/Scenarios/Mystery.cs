using RstLab.Capture;
using RstLab.Diagnosis;
using RstLab.Packets;

namespace RstLab.Scenarios;

/// <summary>The live mystery of <c>05-diagnose</c>: resets made from causes picked at random (seeded) and hidden until <see cref="Reveal"/>.</summary>
/// <remarks>Each case is an <see cref="Experiment"/> of its own (<see cref="Lab.StartIsolated"/>: a private namespace as root, else loopback), so a case that
/// cannot capture shows its recording and says why. While recording (<c>RSTLAB_RECORD</c>, <c>./lab record</c>) every suspect runs, so each keeps its recording current.</remarks>
public sealed class Mystery : IDisposable
{
    readonly List<(MysterySuspect Suspect, Experiment Run)> _cases;

    Mystery(int seed, List<(MysterySuspect, Experiment)> cases)
    {
        Seed = seed;
        _cases = cases;
    }

    /// <summary>A seed fixed for this process (a notebook's kernel session): rerunning the mystery shows the same causes.</summary>
    public static int SessionSeed { get; } = Random.Shared.Next(1, 10_000);

    /// <summary>The seed that picked the causes.</summary>
    public int Seed { get; }

    /// <summary>How many mysteries.</summary>
    public int Count => _cases.Count;

    /// <summary>True when every case ran and was captured here.</summary>
    public bool IsLive => _cases.All(c => c.Run.IsLive);

    /// <summary>Each mystery's packets, numbered from 1, without the kernel's reasons (they would give the cause away).</summary>
    public IReadOnlyList<PacketTable> Packets => _cases.Select(c => new PacketTable(TcpSegment.From(c.Run.Wire.Frames), c.Run.Wire.Origin)).ToList();   // client: who sent the SYN

    /// <summary>Each mystery's experiment (its calls, capture and counters), in order.</summary>
    public IReadOnlyList<Experiment> Runs => _cases.Select(c => c.Run).ToList();

    /// <summary>Picks <paramref name="count"/> different suspects with <paramref name="seed"/> (every suspect while recording) and starts their experiments; nothing runs before <see cref="Run"/>.</summary>
    public static Mystery Start(int seed, int count = 3)
    {
        var recording = Environment.GetEnvironmentVariable(Recordings.RecordVariable) is { Length: > 0 };
        var picked = Pick(seed, count);
        var cases = new List<(MysterySuspect, Experiment)>();
        try
        {
            foreach (var suspect in recording ? MysterySuspect.All : picked)
                cases.Add((suspect, Experiment.StartIsolated(suspect.Recording, Lab.UnusedPort())));
            return new Mystery(seed, cases);
        }
        catch
        {
            foreach (var (_, run) in cases)
                run.Dispose();
            throw;
        }
    }

    /// <summary>The <paramref name="count"/> different suspects <paramref name="seed"/> picks, in the order it picks them: the same for the same seed.</summary>
    public static IReadOnlyList<MysterySuspect> Pick(int seed, int count = 3)
    {
        var all = MysterySuspect.All.ToArray();
        Guard.InRange(count, 1, all.Length, $"there are {all.Length} suspects");
        new Random(seed).Shuffle(all);
        return all.Take(count).ToList();
    }

    /// <summary>Runs each case's socket calls (where it runs here), then ends its experiment.</summary>
    public void Run()
    {
        foreach (var (suspect, run) in _cases)
            using (run)
                if (run.Client.NotRun is null)
                    suspect.Make(run);
    }

    /// <summary>The diagnosis of each mystery's resets, with the kernel's traced reason beside each.</summary>
    public IReadOnlyList<IReadOnlyList<TracedDiagnosis>> Diagnoses => _cases.Select(c => TracedDiagnosis.Of(c.Run.Wire)).ToList();

    /// <summary>True when the diagnosis named each hidden cause first, for every reset of every mystery (and each made at least one).</summary>
    public bool Solved => _cases.Zip(Diagnoses).All(c => c.Second.Count > 0 && c.Second.All(d => d.Diagnosis.Cause == c.First.Suspect.Cause));

    /// <summary>The truth, the diagnosis and a word on each of <paramref name="guesses"/> (one per mystery, in order; fewer or none is fine).</summary>
    public IReadOnlyList<MysteryAnswer> Reveal(IReadOnlyList<ResetCause>? guesses)
    {
        guesses ??= [];
        return _cases.Zip(Diagnoses).Select((c, i) => new MysteryAnswer(i + 1, c.First.Suspect,
            c.Second.Select(d => d.Diagnosis).ToList(), i < guesses.Count ? guesses[i] : null)).ToList();
    }

    /// <summary>Ends every case's experiment (sockets, capture, namespace). Safe to call twice.</summary>
    public void Dispose()
    {
        foreach (var (_, run) in _cases)
            run.Dispose();
    }

    /// <summary>"N mysteries", live or recorded: never which causes.</summary>
    public override string ToString() => $"{Count} mysteries, {(IsLive ? "made live here" : "some shown from their recordings")}; seed hidden until the reveal.";
}
