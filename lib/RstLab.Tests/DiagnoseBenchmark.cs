using System.Diagnostics;
using RstLab.Capture;
using RstLab.Diagnosis;
using RstLab.Packets;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>The diagnosis beside tshark on the same 10^6-packet capture: wall time and peak memory of both, and the same resets found.</summary>
[Trait("Category", "Benchmark")]
public sealed class DiagnoseBenchmark(ITestOutputHelper output)
{
    const int Packets = 1_000_000;

    [BenchmarkFact]
    public void It_diagnoses_a_million_packets_beside_tshark()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "million.pcap");
        var resets = Generate(path);
        output.WriteLine($"capture: {Packets} packets ({new FileInfo(path).Length / 1_000_000} MB, snap length 96) made of every IPv4 recording in data/ repeated with rewritten addresses and times; {resets} resets");

        var runs = BenchmarkFactAttribute.Runs ?? 1;
        var ours = new List<(double Seconds, long Bytes)>();
        var theirs = new List<(double Seconds, long Bytes)>();
        long found = 0, tsharkFound = 0;
        for (var run = 0; run < runs; run++)
        {
            (found, var seconds, var peak) = Ours(path);
            ours.Add((seconds, peak));
            (tsharkFound, seconds, peak) = Tshark(path);
            theirs.Add((seconds, peak));
        }

        output.WriteLine($"{"",-44} {"wall s (median)",16} {"peak MB (median)",17} {"resets",8}");
        output.WriteLine($"{"ResetDiagnoser.Stream (in the test process)",-44} {Median(ours.Select(o => o.Seconds)),16:0.00} {Median(ours.Select(o => o.Bytes / 1e6)),17:0} {found,8}");
        output.WriteLine($"{"tshark -r FILE -Y tcp.flags.reset==1",-44} {Median(theirs.Select(o => o.Seconds)),16:0.00} {Median(theirs.Select(o => o.Bytes / 1e6)),17:0} {tsharkFound,8}");
        output.WriteLine($"{runs} run(s) each; ours: growth of the process's working set over its level before the run, sampled every 10 ms (the GC's own peak heap is below it); tshark: its maximum resident set (/usr/bin/time %M).");
        Assert.Equal(resets, found);
        Assert.Equal(resets, tsharkFound);
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    static (long Resets, double Seconds, long PeakBytes) Ours(string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        var resets = ResetDiagnoser.Diagnose(path).LongCount();
        watch.Stop();
        stop.Cancel();
        sampler.Wait();
        return (resets, watch.Elapsed.TotalSeconds, peak - before);
    }

    static (long Resets, double Seconds, long PeakBytes) Tshark(string path)
    {
        var watch = Stopwatch.StartNew();
        var (code, text, error) = Command.Run("/usr/bin/time", $"-f \"%M\" tshark -n -r {path} -Y tcp.flags.reset==1");
        watch.Stop();
        Assert.True(code == 0, error);
        var kib = long.Parse(error.Trim().Split('\n')[^1]);
        return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LongCount(), watch.Elapsed.TotalSeconds, kib * 1024);
    }

    // Every IPv4 recording, repeated: repetition k moves both ends to 127.(k / 256).(k % 256).x and later in time, so each is a new connection.
    static long Generate(string path)
    {
        var recordings = Directory.GetFiles(Recordings.Folder, "*.pcap").Order()
            .Select(p => PcapFile.Read(p)).Where(f => f.Count > 0 && f.All(x => x.Data.Length > 14 && x.Data[12] == 0x08 && x.Data[13] == 0x00)).ToList();
        var resets = 0L;
        IEnumerable<Frame> Frames()
        {
            var written = 0;
            var start = DateTimeOffset.UnixEpoch.AddDays(20_000);
            for (var k = 0; written < Packets; k++)
                foreach (var recording in recordings)
                {
                    var origin = recording[0].Time;
                    foreach (var frame in recording)
                    {
                        if (written++ == Packets)
                            yield break;
                        var data = frame.Data.ToArray();
                        foreach (var at in new[] { 14 + 12, 14 + 16 })
                        {
                            data[at + 1] = (byte)(k >> 8);
                            data[at + 2] = (byte)k;
                        }
                        if (SegmentDecoder.TryDecode(LinkType.Ethernet, data, out var h) && h.Flags.HasFlag(TcpFlags.Rst))
                            resets++;
                        start = start.AddTicks(10);
                        yield return frame with { Data = data, Time = start + (frame.Time - origin) };
                    }
                    start += recording[^1].Time - origin + TimeSpan.FromSeconds(2);
                }
        }
        PcapFile.Write(path, Frames(), LinkType.Ethernet, snapLength: 96);
        return resets;
    }
}
