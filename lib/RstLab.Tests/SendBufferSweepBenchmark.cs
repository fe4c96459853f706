using System.Diagnostics;
using RstLab.Scenarios;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>How long the notebook's buffer sweep takes and how repeatable its figures are. Run alone with
/// <c>dotnet test lib/RstLab.Tests --filter Category=Benchmark --logger "console;verbosity=detailed"</c>; it prints, it does not time-limit.</summary>
[Collection("live")]
[Trait("Category", "Benchmark")]
public sealed class SendBufferSweepBenchmark(ITestOutputHelper output)
{
    const int Rounds = 3;
    static readonly int[] Sizes = [4096, 16384, 65536, 262144, 1048576];

    [Fact]
    public void It_reports_the_time_and_spread_of_the_notebooks_sweep()
    {
        var rounds = new List<(TimeSpan Elapsed, IReadOnlyList<SendBufferFill> Points)>();
        for (var i = 0; i < Rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var points = SendBufferSweep.OverSendBuffer(Sizes).Append(SendBufferSweep.Fill()).Concat(SendBufferSweep.OverReceiveBuffer(Sizes, sendBuffer: 262144)).ToList();
            rounds.Add((clock.Elapsed, points));
        }

        output.WriteLine($"sweep of {rounds[0].Points.Count} points, {Rounds} rounds: {string.Join(", ", rounds.Select(r => $"{r.Elapsed.TotalSeconds:0.00} s"))}; " +
            $"quiet period {SendBufferSweep.Quiet.TotalMilliseconds:0} ms per point");
        output.WriteLine($"{"point",-62} {"accepted (min..max)",22} {"writes",7} {"ms per point (min..max)",24}");
        for (var p = 0; p < rounds[0].Points.Count; p++)
        {
            var same = rounds.Select(r => r.Points[p]).ToList();
            output.WriteLine($"{same[0].Label,-62} {$"{same.Min(f => f.Accepted)}..{same.Max(f => f.Accepted)}",22} {same[0].Writes,7} " +
                $"{$"{same.Min(f => f.Elapsed.TotalMilliseconds):0}..{same.Max(f => f.Elapsed.TotalMilliseconds):0}",24}");
        }
        // The one relationship every point must show, however the timing went.
        Assert.All(rounds.SelectMany(r => r.Points), f => Assert.Equal(f.Accepted, f.SendQueue + f.ReceiveQueue));
    }
}
