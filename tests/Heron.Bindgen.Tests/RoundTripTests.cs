using Heron.Bindgen.Resolution;

namespace Heron.Bindgen.Tests;

/// <summary>
/// Generated bindings against a real component: every value goes from C# into the guest, out to the host's
/// implementation of the imported interface, back into the guest and out again, so both the import side and the
/// export side of the bindings convert it, through the runtime's canonical ABI.
/// </summary>
public class RoundTripTests
{
    private static string ComponentFor(string sample, string world, IReadOnlyDictionary<string, (string, string)>? routes = null)
    {
        var (path, text) = GeneratorHarness.Sample(sample);
        var resolution = WitResolver.Resolve([new WitSource(path, text)]);
        Assert.Empty(resolution.Diagnostics);
        return EchoComponent.Build(resolution.FindWorld(world, out _)!, routes);
    }

    private static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";

    [Fact]
    public void EveryWitTypeRoundTripsThroughTheGuestAndTheHost()
    {
        var component = ComponentFor("everything.wit", "everything", new Dictionary<string, (string, string)>
        {
            ["new-counter"] = ("test:all/types@0.1.0", "[constructor]counter"),
            ["bump-counter"] = ("test:all/types@0.1.0", "[method]counter.bump"),
            ["make-counter"] = ("test:all/types@0.1.0", "[static]counter.make"),
        });
        var program = $$"""
            using System.Linq;
            using System.Text;
            using Heron;
            using Heron.Components;

            [Heron.Bindgen.WitWorld("everything")]
            public partial class Everything;

            public sealed class Counter(uint start) : Everything.ICounter
            {
                private uint _value = start;
                public uint Bump(uint by) => _value += by;
                public uint Value() => _value;
            }

            public sealed class Types : Everything.ITypes
            {
                public Everything.ICounter CreateCounter(uint start) => new Counter(start);
                public Everything.ICounter CounterMake(uint start) => new Counter(start * 10);
            }

            public sealed class Host : Everything.IHost
            {
                public StringBuilder Messages = new();
                public Everything.Primitives EchoPrimitives(Everything.Primitives v) => v;
                public Everything.Point EchoPoint(Everything.Point v) => v with { X = v.X + 1 };
                public Everything.Shape EchoShape(Everything.Shape v) => v;
                public Everything.Color EchoColor(Everything.Color v) => v;
                public Everything.Permissions EchoPermissions(Everything.Permissions v) => v;
                public Everything.Point[] EchoPoints(Everything.Point[] v) => v;
                public byte[] EchoBytes(byte[] v) => v;
                public string[] EchoStrings(string[] v) => v;
                public uint[][] EchoNestedLists(uint[][] v) => v;
                public string? EchoMaybeText(string? v) => v;
                public uint? EchoOptionU32(uint? v) => v;
                public Everything.Option<uint?> EchoNestedOption(Everything.Option<uint?> v) => v;
                public Everything.Result<string, Everything.Color> EchoResult(Everything.Result<string, Everything.Color> v) => v;
                public Everything.Result<Everything.Unit, Everything.Unit> EchoEmptyResult(Everything.Result<Everything.Unit, Everything.Unit> v) => v;
                public Everything.Result<Everything.Unit, string> EchoErrorOnly(Everything.Result<Everything.Unit, string> v) => v;
                public Everything.Result<ulong, Everything.Unit> EchoOkOnly(Everything.Result<ulong, Everything.Unit> v) => v;
                public (uint, string, double) EchoTuple((uint, string, double) v) => v;
                public System.ValueTuple<string> EchoSingle(System.ValueTuple<string> v) => v;
                public System.Text.Rune EchoChar(System.Text.Rune v) => v;
                public string Describe(ulong a, float b, string c, bool d) => $"{a} {b} {c} {d}";
                public void Log(string message) => Messages.Append(message);
                public uint CounterTotal(Everything.ICounter c) => c.Value();
                public uint TakeCounter(Everything.ICounter c) => c.Value() + 1000;
                public Everything.ICounter GiveCounter(uint start) => new Counter(start);
            }

            public static class Program
            {
                private const string Text = {{Verbatim(component)}};

                private static string List<T>(T[] items) => "[" + string.Join(", ", items) + "]";

                public static string Run()
                {
                    var engine = new Engine();
                    var component = Component.FromText(engine, Text);
                    var linker = new ComponentLinker(engine);
                    var host = new Host();
                    Everything.AddToLinker(linker, new Types(), host);
                    var world = Everything.Instantiate(linker, new Store(engine), component);
                    var g = world.Guest;
                    var o = new StringBuilder();
                    var primitives = new Everything.Primitives(true, -5, 250, -300, 60000, -70000, 4000000000, -5000000000, 18000000000000000000, 1.5f, -2.25, new System.Text.Rune(0x1F600), "héllo");
                    o.AppendLine((g.EchoPrimitives(primitives) == primitives).ToString());
                    o.AppendLine(g.EchoPoint(new Everything.Point(1, -2)).ToString());
                    o.AppendLine(g.EchoShape(new Everything.Shape.Circle(2.5)).ToString());
                    o.AppendLine(g.EchoShape(new Everything.Shape.Rectangle((3, 4))).ToString());
                    o.AppendLine(g.EchoShape(new Everything.Shape.Nothing()).ToString());
                    o.AppendLine(g.EchoShape(new Everything.Shape.Named("tri")).ToString());
                    o.AppendLine(List(((Everything.Shape.Polygon)g.EchoShape(new Everything.Shape.Polygon([new(0, 0), new(5, 6)]))).Value));
                    o.AppendLine(g.EchoColor(Everything.Color.Blue).ToString());
                    o.AppendLine(g.EchoPermissions(Everything.Permissions.Read | Everything.Permissions.Execute).ToString());
                    o.AppendLine(g.EchoPermissions(Everything.Permissions.None).ToString());
                    o.AppendLine(List(g.EchoPoints([new(7, 8)])));
                    o.AppendLine(List(g.EchoBytes([1, 2, 255])));
                    o.AppendLine(List(g.EchoStrings(["a", "", "ü"])));
                    o.AppendLine(string.Join(";", g.EchoNestedLists([[1, 2], [], [3]]).Select(List)));
                    o.AppendLine(g.EchoMaybeText("some") + "|" + (g.EchoMaybeText(null) is null));
                    o.AppendLine(g.EchoOptionU32(42) + "|" + (g.EchoOptionU32(null) is null));
                    o.AppendLine(g.EchoNestedOption(Everything.Option<uint?>.Some(null)) + "|" + g.EchoNestedOption(Everything.Option<uint?>.Some(3)) + "|" + g.EchoNestedOption(Everything.Option<uint?>.None));
                    o.AppendLine(g.EchoResult("fine") + "|" + g.EchoResult(Everything.Color.Green));
                    o.AppendLine(g.EchoEmptyResult(Everything.Result<Everything.Unit, Everything.Unit>.Ok(default)) + "|" + g.EchoEmptyResult(Everything.Result<Everything.Unit, Everything.Unit>.Err(default)));
                    o.AppendLine(g.EchoErrorOnly("bad") + "|" + g.EchoErrorOnly(default(Everything.Unit)));
                    o.AppendLine(g.EchoOkOnly(ulong.MaxValue).ToString());
                    o.AppendLine(g.EchoTuple((9, "nine", 9.5)).ToString());
                    o.AppendLine(g.EchoSingle(new System.ValueTuple<string>("one")).Item1);
                    o.AppendLine(g.EchoChar(new System.Text.Rune('ж')).ToString());
                    o.AppendLine(g.Describe(12, 0.5f, "s", false));
                    g.Log("logged");
                    o.AppendLine(host.Messages.ToString());
                    var counter = g.NewCounter(5);
                    o.AppendLine(g.BumpCounter(counter, 3) + " " + g.CounterTotal(counter) + " " + counter.Value());
                    o.AppendLine(g.TakeCounter(counter).ToString());
                    o.AppendLine(g.GiveCounter(7).Value() + " " + g.MakeCounter(9).Value());
                    return o.ToString();
                }
            }
            """;
        var run = GeneratorHarness.Run(program, GeneratorHarness.Sample("everything.wit"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileErrors);
        var output = run.Execute();
        Assert.Equal("""
            True
            Point { X = 2, Y = -2 }
            Circle { Value = 2.5 }
            Rectangle { Value = (3, 4) }
            Nothing { }
            Named { Value = tri }
            [Point { X = 0, Y = 0 }, Point { X = 5, Y = 6 }]
            Blue
            Read, Execute
            None
            [Point { X = 7, Y = 8 }]
            [1, 2, 255]
            [a, , ü]
            [1, 2];[];[3]
            some|True
            42|True
            Some()|Some(3)|None
            Ok(fine)|Err(Green)
            Ok(())|Err(())
            Err(bad)|Ok(())
            Ok(18446744073709551615)
            (9, nine, 9.5)
            one
            ж
            12 0.5 s False
            logged
            8 8 8
            1008
            7 90

            """.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }
}
