using System.Text;
using Heron.Components;
using Heron.Wasi.Tests.Suite;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>Real components of ../shared/component-fixtures instantiated with WASI 0.2 and called from C#.</summary>
public sealed class FixtureComponentTests
{
    private static (ComponentInstance Instance, MemoryStream Stdout, WasiContext Context) Instantiate(string file, Action<WasiConfiguration>? configure = null)
    {
        var engine = new Engine();
        var stdout = new MemoryStream();
        var configuration = new WasiConfiguration().WithStandardOutput(stdout);
        configure?.Invoke(configuration);
        var context = configuration.Build();
        var linker = WasiPreview2.AddToLinker(new ComponentLinker(engine), context);
        var component = Component.FromFile(engine, Path.Combine(SharedData.Root, "component-fixtures", file));
        return (linker.Instantiate(new Store(engine), component), stdout, context);
    }

    [Fact]
    public void AComposedComponentWritesToStdout()
    {
        var (instance, stdout, context) = Instantiate("stdio.composed.wasm");
        using (context)
        {
            instance.GetFunction("test-stdio")!.Invoke();
            Assert.Equal("Hello world\n", Encoding.UTF8.GetString(stdout.ToArray()));
        }
    }

    [Fact]
    public void AVirtualisedEnvironmentHidesTheHostOne()
    {
        var (instance, _, context) = Instantiate("env-allow.composed.wasm", c => c.WithEnvironmentVariable("HOST", "secret"));
        using (context)
        {
            var pairs = instance.GetFunction("test-get-env")!.Invoke()!.AsList();
            var pair = Assert.Single(pairs).AsList();
            Assert.Equal(("CUSTOM", "VAL"), (pair[0].AsString(), pair[1].AsString()));
        }
    }

    [Fact]
    public void TwoVersionsOfOneInterfaceLinkToTheSameHost()
    {
        var (instance, _, context) = Instantiate("multi-version.component.wasm");
        using (context)
        {
            Assert.Null(instance.GetFunction("test")!.Invoke());
        }
    }
}
