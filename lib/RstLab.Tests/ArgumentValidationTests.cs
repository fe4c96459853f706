using System.Net;
using System.Reflection;
using RstLab.Capture;
using RstLab.Diagnosis;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Packets;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>Every public entry point refuses every bad argument the sweep knows how to make, with a clean <see cref="LabArgumentException"/>.</summary>
/// <remarks>In the live collection: the live sweep opens captures and namespaces, and the others call into lo too.</remarks>
[Collection("live")]
public sealed class ArgumentValidationTests
{
    /// <summary>Types whose instances the sweep can make without root, a device or a namespace.</summary>
    static readonly Dictionary<Type, Func<object>> Offline = new()
    {
        [typeof(Checks)] = () => new Checks("00-validation"),
        [typeof(PacketTable)] = () => Fixtures.Table("refused.pcap"),
        [typeof(CounterSnapshot)] = () => CounterSnapshot.Take(Fixtures.ProcNet),
        [typeof(RstLab.Evidence.ExpectedSegment)] = () => ResetRule.For(Fixtures.Segments("refused.pcap")[0])!,
        [typeof(WireCapture)] = () => WireCapture.Recorded("zz-validation", "the sweep needs no live capture"),
        [typeof(LabHost)] = () => new LabHost("client", IPAddress.Loopback, null),
        [typeof(CallLog)] = () => new CallLog("client"),
        [typeof(Errno)] = () => Errno.EPIPE,
        [typeof(SocketOutcome)] = () => Loopback.TryConnect(Loopback.UnusedPort()),
        [typeof(RstLab.Evidence.ExpectedMove)] = () => RstLab.Evidence.Expect.Moved("OutRsts"),
        [typeof(RstLab.Evidence.ExpectedMoves)] = () => RstLab.Evidence.Expect.Moved(("OutRsts", 1L)),
        [typeof(RstLab.Evidence.ExpectedNone)] = () => RstLab.Evidence.Expect.None,
        [typeof(RstLab.Evidence.ExpectedResult)] = () => RstLab.Evidence.Expect.Fails(Errno.EPIPE),
        [typeof(RstLab.Evidence.ExpectedSegments)] = () => RstLab.Evidence.Expect.Segments(RstLab.Evidence.Expect.FromClient(TcpFlags.Syn)),
        [typeof(RstLab.Evidence.ExpectedState)] = () => RstLab.Evidence.Expect.State(TcpState.Listen),
        [typeof(RstLab.Evidence.ExpectedValue<>)] = () => RstLab.Evidence.Expect.Equal(0),
        [typeof(RstLab.Evidence.ExpectedNone)] = () => RstLab.Evidence.Expect.None,
        [typeof(RstLab.Evidence.IExpectation<>)] = () => RstLab.Evidence.Expect.Equal(0),
        [typeof(ResetDiagnoser)] = () => new ResetDiagnoser(),
        [typeof(CaptureReader)] = () => CaptureReader.Open(Fixtures.Path("refused.pcap")),
        [typeof(WireHeaders)] = () => default(WireHeaders),
        [typeof(RstLab.Evidence.ExpectedAll<>)] = () => RstLab.Evidence.Expect.All(RstLab.Evidence.Expect.Moved("OutRsts")),
        [typeof(RstLab.Evidence.ExpectedCalls)] = () => RstLab.Evidence.Expect.Calls(RstLab.Evidence.Expect.Ok),
        [typeof(RstLab.Exercises.Exercise)] = () => RstLab.Exercises.ExerciseCatalog.All[0],
        [typeof(RstLab.Exercises.Prediction<>)] = () => RstLab.Exercises.Predict.Flags("01.1", null),   // unanswered: nothing kept
    };

    /// <summary>Types whose instances hold a live resource (a capture, a raw socket, a namespace): swept by the live test below, as root.</summary>
    static readonly Dictionary<Type, Func<object>> Live = new()
    {
        [typeof(LiveCapture)] = () => LiveCapture.Start("lo", Loopback.UnusedPort()),
        [typeof(SegmentInjector)] = () => SegmentInjector.Open("lo"),
        [typeof(NetworkNamespace)] = () => NetworkNamespace.Create(),
        [typeof(TwoHosts)] = () => TwoHosts.Create(),
        [typeof(RoutedHosts)] = () => RoutedHosts.Create(),
        [typeof(ForgedSegments)] = () => ForgedSegments.Start("zz-validation"),
        [typeof(RebootedPeer)] = () => RebootedPeer.StartOnLoopback("zz-validation"),
        [typeof(Experiment)] = () => Lab.StartIsolated("zz-validation", Loopback.UnusedPort()),
        [typeof(Mystery)] = () => Mystery.Start(1),
    };

    [Fact]
    public void It_refuses_bad_arguments_at_every_static_entry_point()
    {
        using var sweep = new ArgumentSweep();

        var probes = ArgumentSweep.StaticEntryPoints().SelectMany(m => sweep.Sweep(m)).ToList();

        AssertAllRefused(probes, atLeast: 200);
    }

    [Fact]
    public void It_refuses_bad_arguments_at_every_instance_entry_point_that_needs_no_live_resource()
    {
        using var sweep = new ArgumentSweep();
        var probes = new List<ArgumentSweep.Probe>();

        foreach (var (type, make) in Offline)
        {
            var target = make();
            using (target as IDisposable)   // a generic type's methods are called on the closed type the factory made
                probes.AddRange(ArgumentSweep.InstanceEntryPoints(type.IsGenericTypeDefinition ? target.GetType() : type)
                    .SelectMany(m => sweep.Sweep(m, target)));
        }

        AssertAllRefused(probes, atLeast: 20);
    }

    [LiveFact]
    public void It_refuses_bad_arguments_at_every_instance_entry_point_of_live_resources()
    {
        using var sweep = new ArgumentSweep();
        var probes = new List<ArgumentSweep.Probe>();

        foreach (var (type, make) in Live)
        {
            var target = make();
            try
            {
                probes.AddRange(ArgumentSweep.InstanceEntryPoints(type).SelectMany(m => sweep.Sweep(m, target)));
            }
            finally
            {
                ((IDisposable)target).Dispose();
            }
        }

        AssertAllRefused(probes, atLeast: 40);
    }

    [Fact]
    public void It_knows_how_to_make_every_type_with_instance_entry_points()
    {
        var unknown = ArgumentSweep.TypesWithInstanceEntryPoints()
            .Where(t => !Offline.ContainsKey(t) && !Live.ContainsKey(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(unknown.Count == 0,
            "The sweep cannot make these types, so their methods' arguments go unchecked; add them to Offline or Live: " + string.Join(", ", unknown));
    }

    [Fact]
    public void It_sweeps_the_entry_points_a_notebook_calls_most()
    {
        var names = ArgumentSweep.StaticEntryPoints().Select(ArgumentSweep.Name).ToList();

        Assert.Contains("Lab.Capture(name, ports)", names);
        Assert.Contains("Lab.TryConnect(port, timeout)", names);
        Assert.Contains("PcapFile.Read(path)", names);
        Assert.Contains("SegmentForge.Build(source, destination, flags, sequence, acknowledgment, payload, window, sourceMac, destinationMac, ttl)", names);
    }

    [Fact]
    public void It_would_catch_an_entry_point_that_forgot_its_check()
    {
        using var sweep = new ArgumentSweep(callLimit: TimeSpan.FromSeconds(1));
        var unchecked_ = typeof(ArgumentValidationTests).GetMethod(nameof(Unchecked), BindingFlags.NonPublic | BindingFlags.Static)!;

        var probes = sweep.Sweep(unchecked_).ToList();

        Assert.Equal(["port", "port", "port", "timeout", "timeout", "timeout", "timeout"], probes.Select(p => p.Parameter));
        Assert.All(probes, p => Assert.NotNull(p.Problem));
        Assert.Contains(probes, p => p.Problem!.Contains("hang"));
    }

    /// <summary>What a forgotten check looks like: bad ports pass, and an infinite timeout hangs.</summary>
    static void Unchecked(int port, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
            Thread.Sleep(TimeSpan.FromSeconds(3));
    }

    static void AssertAllRefused(IReadOnlyList<ArgumentSweep.Probe> probes, int atLeast)
    {
        var failed = probes.Where(p => p.Problem is not null).Select(p => $"{p.Member} with {p.Parameter} = {p.Bad}: {p.Problem}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {probes.Count} bad arguments were not refused cleanly:\n" + string.Join("\n", failed));
        Assert.True(probes.Count >= atLeast, $"Only {probes.Count} probes ran; expected at least {atLeast}: has the sweep stopped finding entry points?");
    }
}
