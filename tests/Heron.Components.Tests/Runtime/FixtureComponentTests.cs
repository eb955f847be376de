namespace Heron.Components.Tests.Runtime;

/// <summary>Real components from jco's test suites that import nothing: instantiated and called as the fixtures' README records.</summary>
public class FixtureComponentTests
{
    private static (Store Store, ComponentInstance Instance) Instantiate(string file)
    {
        var engine = new Engine();
        var component = Component.FromFile(engine, Path.Combine(SharedData.Require("component-fixtures"), file));
        var store = new Store(engine);
        return (store, new ComponentLinker(engine).Instantiate(store, component));
    }

    [Fact]
    public void TheAdderAddsTwoNumbers()
    {
        var (_, instance) = Instantiate("adder.component.wasm");
        var add = instance.GetInstance("docs:adder/add@0.1.0")!.GetFunction("add")!;
        Assert.Equal(ComponentValue.U32(5), add.Invoke(ComponentValue.U32(2), ComponentValue.U32(3)));
    }

    [Fact]
    public void SixtyFourBitIntegersCrossUnchanged()
    {
        var (_, instance) = Instantiate("asmjs_bigint.component.wasm");
        var add = instance.GetFunction("add")!;
        Assert.Equal(ComponentValue.S64(3), add.Invoke(ComponentValue.S64(1), ComponentValue.S64(2)));
        Assert.Equal(ComponentValue.S64(-4389456576512), add.Invoke(ComponentValue.S64(1L << 33), ComponentValue.S64(-(1L << 42))));
    }

    [Fact]
    public void AGuestResourceIsConstructedBorrowedAndCalled()
    {
        var (_, instance) = Instantiate("example_guest_export.wasm");
        var backend = instance.GetInstance("example:component/backend@0.1.0")!;
        Assert.Equal(ComponentValue.U32(5), backend.GetFunction("[static]scalars.get-a")!.Invoke());
        var scalars = backend.GetFunction("[constructor]scalars")!.Invoke()!.AsResource();
        var borrowed = ComponentValue.Resource(new ResourceHandle(scalars.Type, scalars.Representation, isBorrow: true));
        Assert.Equal(ComponentValue.U32(2), backend.GetFunction("[method]scalars.get-b")!.Invoke(borrowed));
        Assert.Equal(ComponentValue.U32(7), backend.GetFunction("scalar-arg")!.Invoke(borrowed));
        var fetched = backend.GetFunction("fetch")!.Invoke(ComponentValue.String("x"))!;
        Assert.Empty(fetched.AsList());
    }
}
