using Heron.Binary;
using Heron.Text;
using Heron.Validation;

namespace Heron.Tests.Validation;

/// <summary>Validator rules checked on modules written in the text format (parsed, decoded, then validated).</summary>
public sealed class WatValidationTests
{
    private static ValidationResult Validate(string wat, WasmFeatures features = WasmFeatures.Wasm2) =>
        ModuleValidator.Validate(ModuleDecoder.Decode(WatParser.ParseModule(wat), features), features);

    private static string Invalid(string wat, WasmFeatures features = WasmFeatures.Wasm2) =>
        Assert.Throws<ValidationException>(() => Validate(wat, features)).Reason;

    [Fact]
    public void MultiValueBlocksAndBranchesValidate() => Validate("""
        (module (func (param i32) (result i32 i64)
          (block (result i32 i64) (i32.const 1) (i64.const 2) (br_if 0 (local.get 0)))))
        """);

    [Fact]
    public void BrTableWithDifferentArityIsTypeMismatch() =>
        Assert.StartsWith("type mismatch", Invalid("""
            (module (func (block (result i32) (block (br_table 0 1 (i32.const 0) (i32.const 0))) (i32.const 0)) drop))
            """));

    [Fact]
    public void CallIndirectNeedsAFuncrefTable() =>
        Assert.StartsWith("type mismatch", Invalid("""
            (module (type (func)) (table 1 externref) (func (call_indirect (type 0) (i32.const 0))))
            """));

    [Fact]
    public void UndeclaredFunctionReferenceIsRejected() =>
        Assert.StartsWith("undeclared function reference", Invalid("(module (func $f (drop (ref.func $f))))"));

    [Fact]
    public void ExportedFunctionMayBeReferenced() =>
        Validate("""(module (func $f (export "f") (drop (ref.func $f))))""");

    [Fact]
    public void DuplicateExportNameIsRejected() =>
        Assert.StartsWith("duplicate export name", Invalid("""(module (func) (export "a" (func 0)) (export "a" (func 0)))"""));

    [Fact]
    public void ImmutableGlobalCannotBeSet() =>
        Assert.StartsWith("global is immutable", Invalid("(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))"));

    [Fact]
    public void ConstantExpressionRejectsArithmeticIn20() =>
        Assert.StartsWith("constant expression required", Invalid("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))"));

    [Fact]
    public void ExtendedConstAllowsArithmeticIn30() =>
        Validate("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))", WasmFeatures.Wasm3);

    [Fact]
    public void TailCallResultsMustMatchTheCaller() =>
        Assert.StartsWith("type mismatch", Invalid("""
            (module (func $g (result i64) (i64.const 0)) (func (result i32) (return_call $g)))
            """, WasmFeatures.Wasm3));
}
