using Heron.Binary;
using Heron.Text;
using Heron.Validation;

namespace Heron.Tests.Validation;

/// <summary>Rules for the type section of 3.0: references between recursion groups and declared supertypes.</summary>
public sealed class TypeDefinitionTests
{
    private static ValidationResult Validate(string wat) =>
        ModuleValidator.Validate(ModuleDecoder.Decode(WatParser.ParseModule(wat), WasmFeatures.Wasm3), WasmFeatures.Wasm3);

    private static string Invalid(string wat) => Assert.Throws<ValidationException>(() => Validate(wat)).Reason;

    [Fact]
    public void A_type_may_not_refer_to_a_later_recursion_group()
    {
        Assert.StartsWith("unknown type", Invalid("(module (type (func (param (ref 1)))) (type (func)))"));
        Validate("(module (rec (type (func (param (ref 1)))) (type (func))))");
    }

    [Theory]
    [InlineData("(type $a (sub (func))) (type (sub $a (func (param i32))))")]
    [InlineData("(type $a (sub (func (result funcref)))) (type (sub $a (func (result externref))))")]
    [InlineData("(type $a (sub (func (param (ref func))))) (type (sub $a (func (param (ref nofunc)))))")]
    [InlineData("(type $a (sub (struct (field (mut (ref any)))))) (type (sub $a (struct (field (mut (ref none))))))")]
    [InlineData("(type $a (sub (struct (field i32)))) (type (sub $a (struct (field (mut i32)))))")]
    [InlineData("(type $a (sub (array i32))) (type (sub $a (array i64)))")]
    [InlineData("(type $a (func)) (type (sub $a (func)))")]
    public void A_declared_supertype_must_be_a_structural_non_final_supertype(string types) =>
        Assert.StartsWith("sub type", Invalid($"(module {types})"));

    [Theory]
    [InlineData("(type $a (sub (func (param (ref func)) (result funcref)))) (type (sub $a (func (param funcref) (result (ref func)))))")]
    [InlineData("(type $a (sub (struct (field (ref any))))) (type (sub $a (struct (field (ref none)) (field i32))))")]
    public void Contravariant_parameters_covariant_results_and_wider_structs_are_subtypes(string types) =>
        Validate($"(module {types})");

    [Fact]
    public void An_implicit_type_use_names_a_recursion_group_of_one_plain_type()
    {
        // (func $f) has type (func), the same type as the group of one: the global's initialiser is valid.
        Validate("(module (rec (type $ft (func))) (func $f) (global (ref $ft) (ref.func $f)))");
    }
}
