using System.Linq.Expressions;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using RstLab.Capture;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Sockets;
using TcpFlags = RstLab.Packets.TcpFlags;

namespace RstLab.Tests;

/// <summary>
/// Finds every public entry point of the library by reflection, calls it once per bad value of each parameter that can be
/// wrong (ports, sizes and counts, timeouts, paths, names, nulls, addresses), the other parameters valid, and records
/// whether it refused with a <see cref="LabArgumentException"/> naming that parameter.
/// </summary>
/// <remarks>
/// The ParamName check keeps the sweep honest: a call refused for some other parameter (say a "valid" null the sweep could
/// not fill better) does not count. Each call runs with a time limit, so a forgotten timeout check shows up as a hang.
/// </remarks>
sealed partial class ArgumentSweep : IDisposable
{
    static readonly Assembly Library = typeof(Lab).Assembly;
    // 255.255.255.255: outside every lab range, and a TCP connect to it fails in the kernel (ENETUNREACH) without a
    // packet leaving, so even a regression that forgot the address check sends nothing off this machine.
    static readonly IPAddress Outside = IPAddress.Broadcast;

    readonly TempFolder _temp = new();
    readonly List<IDisposable> _made = [];
    readonly NullabilityInfoContext _nullability = new();

    readonly TimeSpan _callLimit;

    public ArgumentSweep(TimeSpan? callLimit = null)
    {
        _callLimit = callLimit ?? TimeSpan.FromSeconds(10);
        File.Copy(Fixtures.Path("refused.pcap"), ValidPcap);
    }

    string ValidPcap => Path.Combine(_temp.Path, "valid.pcap");

    /// <summary>One bad value for one parameter of one entry point, and what happened.</summary>
    public sealed record Probe(string Member, string Parameter, string Bad, string? Problem);

    /// <summary>Public static methods and constructors of the library that a learner can call without a live resource.</summary>
    public static IEnumerable<MethodBase> StaticEntryPoints() =>
        Library.GetExportedTypes()
            .Where(t => !typeof(Exception).IsAssignableFrom(t) && !t.IsEnum && !t.IsInterface)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Cast<MethodBase>()
                .Concat(IsRecord(t) ? [] : t.GetConstructors()))
            .Where(IsEntryPoint)
            .OrderBy(Name);

    /// <summary>Public instance methods declared by <paramref name="type"/> that take arguments.</summary>
    public static IEnumerable<MethodBase> InstanceEntryPoints(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(IsEntryPoint).OrderBy(Name);

    /// <summary>Every public type with instance methods that take arguments: each needs an instance to sweep.</summary>
    public static IEnumerable<Type> TypesWithInstanceEntryPoints() =>
        Library.GetExportedTypes().Where(t => !typeof(Exception).IsAssignableFrom(t) && InstanceEntryPoints(t).Any());

    static bool IsEntryPoint(MethodBase m) =>
        (m is ConstructorInfo || !m.IsSpecialName)
        && m.GetParameters().Length > 0
        && m.Name is not ("Equals" or "Deconstruct" or "<Clone>$" or "PrintMembers" or "GetHashCode" or "ToString")
        && !m.GetParameters().Any(p => p.ParameterType.IsPointer);

    static bool IsRecord(Type t) => t.GetMethod("<Clone>$") is not null;

    public static string Name(MethodBase m) => $"{m.DeclaringType!.Name}.{(m is ConstructorInfo ? "new" : m.Name)}({string.Join(", ", m.GetParameters().Select(p => p.Name))})";

    /// <summary>Calls <paramref name="member"/> (on <paramref name="target"/> for an instance method) once per bad value of each checkable parameter.</summary>
    public IEnumerable<Probe> Sweep(MethodBase member, object? target = null)
    {
        if (member is MethodInfo { IsGenericMethodDefinition: true } generic)
            member = generic.MakeGenericMethod(generic.GetGenericArguments().Select(ConstraintSatisfying).ToArray());
        var parameters = member.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
            foreach (var (bad, label) in BadValues(member, parameters[i]))
            {
                var args = parameters.Select((p, j) => j == i ? bad : Valid(p)).ToArray();
                yield return new Probe(Name(member), parameters[i].Name!, label, Call(member, target, args, parameters[i].Name!));
            }
    }

    // int for an unconstrained type parameter; else its first constraint (an interface also meets "class").
    static Type ConstraintSatisfying(Type parameter) =>
        parameter.GetGenericParameterConstraints().FirstOrDefault()
        ?? ((parameter.GenericParameterAttributes & GenericParameterAttributes.ReferenceTypeConstraint) != 0 ? typeof(object) : typeof(int));

    /// <summary>Null when the call was refused with a <see cref="LabArgumentException"/> for <paramref name="parameter"/>; else what happened instead.</summary>
    string? Call(MethodBase member, object? target, object?[] args, string parameter)
    {
        var call = Task.Run(() => member is ConstructorInfo c ? c.Invoke(args) : member.Invoke(target, args));
        // Wait on the handle, not Task.Wait: that would throw the refusal (the expected outcome) as an AggregateException.
        if (!((IAsyncResult)call).AsyncWaitHandle.WaitOne(_callLimit))
            return $"did not return within {_callLimit.TotalSeconds} s (a hang, not a refusal)";
        if (call.IsCompletedSuccessfully)
        {
            // A command (./lab's entries) refuses with its exit code and one sentence on its error writer, not by throwing.
            if (member.DeclaringType!.Name.EndsWith("Command", StringComparison.Ordinal) && call.Result is int code && code != 0)
                return null;
            Dispose(call.Result);
            return "was accepted";
        }
        var thrown = call.Exception!.InnerException is TargetInvocationException { InnerException: { } inner } ? inner : call.Exception!.InnerException!;
        return thrown switch
        {
            LabArgumentException e when e.ParamName == parameter && e.ToString() == e.Message && e.Message.Length > 20 => null,
            LabArgumentException e => $"was refused for {e.ParamName}, not {parameter}: {e.Message}",
            _ => $"threw {thrown.GetType().Name}: {thrown.Message}",
        };
    }

    /// <summary>The values a parameter must refuse, by what its name and type say it is.</summary>
    IEnumerable<(object? Value, string Label)> BadValues(MethodBase member, ParameterInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        var name = p.Name!;
        var memberName = member.DeclaringType!.Name + "." + member.Name;

        if (!p.ParameterType.IsValueType && !p.IsOut && _nullability.Create(p).WriteState == NullabilityState.NotNull)
            yield return (null, "null");

        if (type == typeof(string) && _nullability.Create(p).WriteState == NullabilityState.NotNull && !IsText(name) && !(p.HasDefaultValue && Equals(p.DefaultValue, "")))
        {
            yield return ("", "\"\"");
            yield return ("  ", "\"  \"");
        }
        if (type == typeof(string) && IsRecordingName(member, name))
        {
            yield return ("../outside", "../outside");
            yield return ("a/b/c", "a/b/c");   // one folder is allowed (diagnose/nat-expiry), two are not
        }
        if (type == typeof(string) && name is "path" or "python" or "capturePath")
        {
            yield return ("/nonexistent-rstlab/x.pcap", "a missing file");
            yield return (_temp.Path, "a folder");
        }
        if (type == typeof(string) && name == "folder")
        {
            if (memberName != "Recordings.Save") // Save creates its folder (./lab record writes a fresh data/)
                yield return ("/nonexistent-rstlab/data", "a missing folder");
            yield return (ValidPcap, "a file");
        }

        if (type == typeof(int) && IsPort(name))
        {
            yield return (-1, "-1");
            yield return (70000, "70000");
            if (!PortZeroMeansAny.Contains(memberName))
                yield return (0, "0");
        }
        if (IsIntegers(p.ParameterType) && name == "ports")
        {
            yield return (Integers(p.ParameterType, []), "[]");
            yield return (Integers(p.ParameterType, [0]), "[0]");
            yield return (Integers(p.ParameterType, [70000]), "[70000]");
        }
        if (IsIntegers(p.ParameterType) && name == "sizes")
        {
            yield return (Integers(p.ParameterType, []), "[]");
            yield return (Integers(p.ParameterType, [0]), "[0]");
            yield return (Integers(p.ParameterType, [-1]), "[-1]");
        }
        if ((type == typeof(int) || type == typeof(long)) && CountLike().IsMatch(name))
        {
            yield return (Convert.ChangeType(0, type), "0");
            yield return (Convert.ChangeType(-1, type), "-1");
        }
        if (type == typeof(TimeSpan))
        {
            yield return (TimeSpan.Zero, "TimeSpan.Zero");
            yield return (TimeSpan.FromSeconds(-1), "-1 s");
            yield return (Timeout.InfiniteTimeSpan, "Timeout.InfiniteTimeSpan");
            yield return (TimeSpan.MaxValue, "TimeSpan.MaxValue");
        }
        if (type == typeof(IPAddress) && !AddressPredicates.Contains(memberName))
            yield return (Outside, Outside.ToString());
        if (type == typeof(IPEndPoint))
            yield return (new IPEndPoint(Outside, 80), $"{Outside}:80");
    }

    /// <summary>Where port 0 is documented to mean "let the kernel pick one".</summary>
    static readonly HashSet<string> PortZeroMeansAny = ["Lab.Listen", "Loopback.Listen", "LabHost.Listen"];

    /// <summary>Predicates that answer whether an address is allowed: for them an outside address is an answer, not an error.</summary>
    /// <remarks><c>LabAddresses.Require</c> names its caller's parameter in the refusal, by design; LabAddressesTests covers it.</remarks>
    static readonly HashSet<string> AddressPredicates = ["LabAddresses.IsLoopback", "LabAddresses.IsAllowed", "LabAddresses.Require"];

    static bool IsPort(string name) => name == "port" || name.EndsWith("Port", StringComparison.Ordinal);

    /// <summary>Free text (file contents, a sysctl value, a message): empty is data there, not a mistake.</summary>
    static bool IsText(string name) => name is "text" or "statusText" or "value" or "message";

    static bool IsRecordingName(MethodBase member, string name) =>
        name == "recording" || (name == "name" && member.Name is "Capture" or "Start" or "Recorded" or "Load" or "Save");

    [GeneratedRegex("(?i)(size|count|chunk|writes|clients|backlog|arrows|attempts|rounds|buffer|bytes|connection|number|signal|pid)$")]
    private static partial Regex CountLike();

    static bool IsIntegers(Type t) => t == typeof(int[]) || t == typeof(IEnumerable<int>) || t == typeof(IReadOnlyCollection<int>) || t == typeof(IReadOnlyList<int>);

    static object Integers(Type t, int[] values) => values;

    /// <summary>A value the parameter accepts, so that only the parameter under test is wrong.</summary>
    object? Valid(ParameterInfo p)
    {
        if (p.IsOut)
            return null;
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        var name = p.Name!;
        if (name == "folder")
            return _temp.Path; // never the real data/ folder, even for a call that should have been refused
        if (p.HasDefaultValue && p.DefaultValue is not DBNull && (p.DefaultValue is not null || !type.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) is not null))
            return p.DefaultValue;
        if (type == typeof(int))
            return name switch
            {
                _ when IsPort(name) => Loopback.UnusedPort(),
                "signal" => SignalDisposition.SigPipe,
                "pid" => Environment.ProcessId,
                _ => 3,
            };
        if (type == typeof(long)) return 0L;
        if (type == typeof(uint)) return 1u;
        if (type == typeof(ushort)) return (ushort)1000;
        if (type == typeof(double)) return 1.0;
        if (type == typeof(bool)) return false;
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(1);
        if (type.IsEnum) return Activator.CreateInstance(type);
        if (type == typeof(string))
            return name switch
            {
                "path" or "capturePath" => ValidPcap,
                "folder" => Fixtures.ProcNet,
                "device" => "lo",
                "key" => "net.ipv4.tcp_syncookies",
                "column" => "in_martian_dst",
                _ when IsRecordingName(p.Member as MethodBase ?? throw new InvalidOperationException(), name) => "zz-validation",
                _ => "x",
            };
        if (type == typeof(TextWriter)) return TextWriter.Null;
        if (type == typeof(IPAddress)) return IPAddress.Loopback;
        if (type == typeof(IPEndPoint)) return new IPEndPoint(IPAddress.Loopback, Loopback.UnusedPort());
        if (IsIntegers(type)) return name == "sizes" ? new[] { 4096 } : new[] { Loopback.UnusedPort() };
        if (type == typeof(string[])) return new[] { "OutRsts" };
        if (type == typeof(Frame)) return SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, 40001), new IPEndPoint(IPAddress.IPv6Loopback, 9), TcpFlags.Syn, 1);
        if (type.IsAssignableFrom(typeof(Frame[]))) return PcapFile.Read(ValidPcap).ToArray();
        if (type == typeof(TcpSegment)) return Fixtures.Segments("refused.pcap")[0];
        if (type.IsAssignableFrom(typeof(TcpSegment[]))) return Fixtures.Segments("refused.pcap").ToArray();
        if (type == typeof(PacketTable)) return Fixtures.Table("refused.pcap");
        if (type == typeof(PacketRow)) return Fixtures.Table("refused.pcap").Rows[0];
        if (type.IsAssignableFrom(typeof(PacketRow[]))) return Fixtures.Table("refused.pcap").Connection(1).ToArray();
        if (type == typeof(CounterSnapshot)) return CounterSnapshot.Take(Fixtures.ProcNet);
        if (type == typeof(CounterDelta)) return CounterSnapshot.Take(Fixtures.ProcNet).To(CounterSnapshot.Take(Fixtures.ProcNet));
        if (type.IsAssignableFrom(typeof((string, CounterDelta)[])))
            return new[] { ("run", CounterSnapshot.Take(Fixtures.ProcNet).To(CounterSnapshot.Take(Fixtures.ProcNet))) };
        if (type == typeof(SocketOption)) return SocketOption.TCP_DEFER_ACCEPT;
        if (type == typeof(Errno)) return Errno.EPIPE;
        if (type == typeof(SocketException)) return new SocketException((int)SocketError.ConnectionRefused);
        if (type == typeof(Socket)) return Keep(Lab.Listen());
        if (type == typeof(System.Net.Http.HttpClient)) return new System.Net.Http.HttpClient();
        if (type == typeof(System.Text.Json.Nodes.JsonNode)) return System.Text.Json.Nodes.JsonNode.Parse("{}");
        if (type == typeof(IReadOnlyDictionary<string, string>)) return new Dictionary<string, string>();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(RstLab.Evidence.IExpectation<>))
            return typeof(RstLab.Evidence.Expect).GetMethods().Single(m => m.Name == "Equal" && m.IsGenericMethodDefinition)
                .MakeGenericMethod(type.GetGenericArguments()[0])
                .Invoke(null, [type.GetGenericArguments()[0].IsValueType ? Activator.CreateInstance(type.GetGenericArguments()[0]) : "x"]);
        if (typeof(Delegate).IsAssignableFrom(type)) return DoNothing(type);
        if (type.IsArray) return Array.CreateInstance(type.GetElementType()!, 0);
        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && type.IsAssignableFrom(type.GetGenericArguments()[0].MakeArrayType()))
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        // Anything else: null. If that is refused first, the probe reports the wrong ParamName, never a false pass.
        return null;
    }

    /// <summary>A delegate of <paramref name="type"/> that returns its result type's default.</summary>
    static Delegate DoNothing(Type type)
    {
        var invoke = type.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(x => Expression.Parameter(x.ParameterType)).ToArray();
        Expression body = invoke.ReturnType == typeof(void) ? Expression.Empty() : Expression.Default(invoke.ReturnType);
        return Expression.Lambda(type, body, parameters).Compile();
    }

    T Keep<T>(T made) where T : IDisposable
    {
        _made.Add(made);
        return made;
    }

    static void Dispose(object? result)
    {
        if (result is IDisposable d)
            d.Dispose();
    }

    public void Dispose()
    {
        foreach (var made in _made)
            made.Dispose();
        _temp.Dispose();
    }
}
