using Heron.Model;
using Heron.Validation;

namespace Heron.Tests.Validation;


public sealed class ModuleRulesTests
{
    private static readonly TypeDefinition VoidType =
        new() { Kind = CompositeKind.Function, Function = new FunctionType([], []) };

    private static readonly TypeDefinition I32Type =
        new() { Kind = CompositeKind.Function, Function = new FunctionType([], [ValueType.I32]) };

    private static string Reason(WasmModule module) =>
        Assert.Throws<ValidationException>(() => ModuleValidator.Validate(module)).Reason;

    [Fact]
    public void DuplicateExportNamesAreRejected()
    {
        var module = new WasmModule
        {
            Bytes = [],
            Memories = [new MemoryType(new Limits(0, null))],
            Exports = [new Export("a", ExternKind.Memory, 0), new Export("a", ExternKind.Memory, 0)],
        };
        Assert.StartsWith("duplicate export name", Reason(module));
    }

    [Fact]
    public void ExportOfAMissingFunctionIsUnknownFunction()
    {
        Assert.StartsWith("unknown function 3",
            Reason(new WasmModule { Bytes = [], Exports = [new Export("f", ExternKind.Function, 3)] }));
    }

    [Fact]
    public void TwoMemoriesNeedMultiMemory()
    {
        var module = new WasmModule
        {
            Bytes = [],
            Memories = [new MemoryType(new Limits(0, null)), new MemoryType(new Limits(0, null))],
        };
        Assert.StartsWith("multiple memories", Reason(module));
        ModuleValidator.Validate(module, WasmFeatures.Wasm3);
    }

    [Theory]
    [InlineData(65537UL, null, "memory size must be at most 65536 pages (4GiB)")]
    [InlineData(0UL, 65537UL, "memory size must be at most 65536 pages (4GiB)")]
    [InlineData(2UL, 1UL, "size minimum must not be greater than maximum")]
    public void MemoryLimitsAreChecked(ulong minimum, ulong? maximum, string message)
    {
        Assert.StartsWith(message, Reason(new WasmModule { Bytes = [], Memories = [new MemoryType(new Limits(minimum, maximum))] }));
    }

    [Fact]
    public void StartFunctionMustTakeAndReturnNothing()
    {
        byte[] code = [0x41, 0, 0x0B];
        var module = new WasmModule
        {
            Bytes = code,
            Types = [I32Type],
            FunctionTypeIndices = [0],
            Bodies = [new FunctionBody([], new ByteRange(0, 3))],
            Start = 0,
        };
        Assert.StartsWith("start function", Reason(module));
    }

    [Fact]
    public void GlobalInitialiserMustBeConstant()
    {
        // i32.const 1, i32.const 2, i32.add (extended-const, a 3.0 feature), end
        byte[] init = [0x41, 1, 0x41, 2, 0x6A, 0x0B];
        var module = new WasmModule
        {
            Bytes = init,
            Globals = [new GlobalDefinition(new GlobalType(ValueType.I32, false), new ByteRange(0, init.Length))],
        };
        Assert.StartsWith("constant expression required", Reason(module));
        ModuleValidator.Validate(module, WasmFeatures.Wasm3);
    }

    [Fact]
    public void GlobalInitialiserMustHaveTheGlobalsType()
    {
        byte[] init = [0x42, 1, 0x0B];
        var module = new WasmModule
        {
            Bytes = init,
            Globals = [new GlobalDefinition(new GlobalType(ValueType.I32, false), new ByteRange(0, init.Length))],
        };
        Assert.StartsWith("type mismatch", Reason(module));
    }

    [Fact]
    public void In20GlobalInitialisersReadOnlyImportedGlobals()
    {
        // global 0 = i32.const 0; global 1 = global.get 0: 2.0 allows only imported globals, 3.0 earlier ones.
        byte[] bytes = [0x41, 0, 0x0B, 0x23, 0, 0x0B];
        var module = new WasmModule
        {
            Bytes = bytes,
            Globals =
            [
                new GlobalDefinition(new GlobalType(ValueType.I32, false), new ByteRange(0, 3)),
                new GlobalDefinition(new GlobalType(ValueType.I32, false), new ByteRange(3, 3)),
            ],
        };
        Assert.StartsWith("unknown global 0", Reason(module));
        ModuleValidator.Validate(module, WasmFeatures.Wasm3);
    }

    [Fact]
    public void MutableImportedGlobalIsNotConstant()
    {
        byte[] bytes = [0x23, 0, 0x0B];
        var module = new WasmModule
        {
            Bytes = bytes,
            Imports = [new Import("m", "g", ExternKind.Global) { Global = new GlobalType(ValueType.I32, true) }],
            ImportedGlobalCount = 1,
            Globals = [new GlobalDefinition(new GlobalType(ValueType.I32, false), new ByteRange(0, 3))],
        };
        Assert.StartsWith("constant expression required", Reason(module));
    }

    [Fact]
    public void RefFuncNeedsADeclaration()
    {
        // (func ref.func 0 drop): undeclared until an element segment (or export) names function 0.
        byte[] code = [0xD2, 0, 0x1A, 0x0B];
        var undeclared = new WasmModule
        {
            Bytes = code,
            Types = [VoidType],
            FunctionTypeIndices = [0],
            Bodies = [new FunctionBody([], new ByteRange(0, code.Length))],
        };
        Assert.StartsWith("undeclared function reference", Reason(undeclared));
        var declared = new WasmModule
        {
            Bytes = code,
            Types = [VoidType],
            FunctionTypeIndices = [0],
            Bodies = undeclared.Bodies,
            Elements = [new ElementSegment(SegmentMode.Declarative, ValueType.FuncRef) { FunctionIndices = [0] }],
        };
        var result = ModuleValidator.Validate(declared);
        Assert.True(result.IsReferenced(0));
    }

    [Fact]
    public void ActiveElementSegmentNeedsItsTable()
    {
        byte[] offset = [0x41, 0, 0x0B];
        var module = new WasmModule
        {
            Bytes = offset,
            Elements = [new ElementSegment(SegmentMode.Active, ValueType.FuncRef) { Offset = new ByteRange(0, 3), FunctionIndices = [] }],
        };
        Assert.StartsWith("unknown table 0", Reason(module));
    }

    [Fact]
    public void FunctionWithAnUnknownTypeIsRejected()
    {
        Assert.StartsWith("unknown type", Reason(new WasmModule
        {
            Bytes = [0x0B],
            Types = [VoidType],
            FunctionTypeIndices = [1],
            Bodies = [new FunctionBody([], new ByteRange(0, 1))],
        }));
    }

    [Fact]
    public void ModulesValidateConcurrently()
    {
        // Large enough to take the parallel path: many functions whose bodies are long chains of nops.
        var body = new byte[4096];
        body.AsSpan().Fill(0x01);
        body[^1] = 0x0B;
        const int functions = 400;
        var bytes = new byte[body.Length * functions];
        var bodies = new FunctionBody[functions];
        for (int i = 0; i < functions; i++)
        {
            body.CopyTo(bytes, i * body.Length);
            bodies[i] = new FunctionBody([], new ByteRange(i * body.Length, body.Length));
        }
        // Make the last function invalid: the error must name it even when validated in parallel.
        bytes[^2] = 0x1A;
        var module = new WasmModule { Bytes = bytes, Types = [VoidType], FunctionTypeIndices = new int[functions], Bodies = bodies };
        var errors = new ValidationException[4];
        Parallel.For(0, errors.Length, i => errors[i] = Assert.Throws<ValidationException>(() => ModuleValidator.Validate(module)));
        foreach (var error in errors) Assert.Equal(functions - 1, error.FunctionIndex);
        bytes[^2] = 0x01;
        Assert.Equal(functions, ModuleValidator.Validate(module).Functions.Length);
    }
}
