namespace Heron.Components.Wast;

/// <summary>
/// The host definitions Wasmtime's component scripts import, as Wasmtime's own wast runner provides them:
/// <c>host-return-two</c> and <c>host-echo-u32</c> at the top level, and an instance <c>host</c> with
/// functions returning constants, a nested instance, a core module, and a resource type
/// <c>resource1</c> whose destructor counts drops (also exported as <c>resource1-again</c>, the same type).
/// The host functions check what they are handed as Wasmtime's do; a wrong argument traps the call.
/// </summary>
internal static class WasmtimeComponentHost
{
    private const string SimpleModule = """
        (module
          (global (export "g") i32 i32.const 100)
          (func (export "f") (result i32) i32.const 101))
        """;

    public static void Define(Engine engine, ComponentLinker linker)
    {
        linker.Root
            .DefineFunction("host-return-two", _ => ComponentValue.U32(2))
            .DefineFunction("host-echo-u32", args => args[0]);

        var host = linker.Instance("host")
            .DefineFunction("return-three", _ => ComponentValue.U32(3))
            .DefineFunction("return-hi", _ => ComponentValue.String("hi"))
            .DefineFunction("return-two-slowly", _ => ComponentValue.U32(2))
            .DefineFunction("echo-slowly", args => args[0])
            .DefineModule("simple-module", Module.FromText(engine, SimpleModule));
        host.Instance("nested").DefineFunction("return-four", _ => ComponentValue.U32(4));

        uint drops = 0, lastDrop = 0;
        var resource1 = new ResourceType("resource1", rep =>
        {
            drops++;
            lastDrop = rep;
        });
        host.DefineResource("resource1", resource1)
            .DefineResource("resource1-again", resource1)
            .DefineResource("resource2", new ResourceType("resource2"))
            .DefineFunction("[constructor]resource1", args => ComponentValue.Resource(new ResourceHandle(resource1, args[0].AsU32(), isBorrow: false)))
            .DefineFunction("[static]resource1.assert", args =>
            {
                Check(args[0].AsResource().Representation == args[1].AsU32(), "resource1.assert: the representation differs");
                return null;
            })
            .DefineFunction("[static]resource1.last-drop", _ => ComponentValue.U32(lastDrop))
            .DefineFunction("[static]resource1.drops", _ => ComponentValue.U32(drops))
            .DefineFunction("[method]resource1.simple", args =>
            {
                var self = args[0].AsResource();
                Check(self.IsBorrow, "resource1.simple: self is not borrowed");
                Check(self.Representation == args[1].AsU32(), "resource1.simple: the representation differs");
                return null;
            })
            .DefineFunction("[method]resource1.take-borrow", args =>
            {
                Check(args[0].AsResource().IsBorrow && args[1].AsResource().IsBorrow, "resource1.take-borrow: an argument is owned");
                return null;
            })
            .DefineFunction("[method]resource1.take-own", args =>
            {
                Check(args[0].AsResource().IsBorrow && !args[1].AsResource().IsBorrow, "resource1.take-own: wrong ownership");
                return null;
            });
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new TrapException(TrapCode.HostError, "host check failed: " + message);
    }
}
