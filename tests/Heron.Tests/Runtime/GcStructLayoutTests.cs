using Heron.Model;
using Heron.Runtime.Gc;

namespace Heron.Tests.Runtime;

/// <summary>
/// Where struct fields live: the first bytes and references in the object itself, the rest in overflow arrays,
/// no field across the boundary, and every field readable and writable wherever it landed.
/// </summary>
public sealed class GcStructLayoutTests
{
    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private static FieldType Field(ValueType type) => new(new StorageType(type), Mutable: true);

    [Fact]
    public void A_field_that_would_cross_the_end_of_the_inline_bytes_starts_after_it()
    {
        var layout = StructLayout.Of([Field(ValueType.I32), Field(ValueType.I32), Field(ValueType.I32), Field(ValueType.I64), Field(ValueType.I32)]);
        Assert.Equal([0, 4, 8, GcStruct.InlineBytes, GcStruct.InlineBytes + 8], layout.Slots);
        Assert.Equal(GcStruct.InlineBytes + 12, layout.DataSize);
    }

    [Fact]
    public void A_small_struct_is_one_object_and_a_large_one_adds_only_the_overflow_it_needs()
    {
        const string wat = """
            (module
              (type $node (struct (field (ref null $node)) (field (ref null $node))))
              (type $wide (struct (field i64) (field i64) (field i64) (field anyref) (field anyref) (field anyref)))
              (func (export "node") (result anyref) (struct.new_default $node))
              (func (export "wide") (result anyref) (struct.new_default $wide)))
            """;
        var instance = new Linker(Engine).Instantiate(new Store(Engine), Module.FromText(Engine, wat));
        var node = (GcStruct)instance.GetFunction("node")!.Invoke()[0].AsAnyRef()!;
        Assert.Empty(node.Data);
        Assert.Empty(node.Refs);
        var wide = (GcStruct)instance.GetFunction("wide")!.Invoke()[0].AsAnyRef()!;
        Assert.Equal(8, wide.Data.Length);
        Assert.Single(wide.Refs);
    }

    [Fact]
    public void Every_field_keeps_its_value_inline_or_in_the_overflow_and_a_subtype_reads_as_its_supertype()
    {
        // $wide's fields fill the inline bytes (with a hole before the f64 at byte 16) and overflow, and it has
        // four references; $wider extends it. get_base reads a $wider through $wide's layout.
        const string wat = """
            (module
              (type $wide (sub (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i32)) (field $d (mut i32))
                                       (field $e (mut f64)) (field $f (mut v128)) (field $g (mut i64))
                                       (field $r0 (mut i31ref)) (field $r1 (mut i31ref)) (field $r2 (mut i31ref)) (field $r3 (mut i31ref)))))
              (type $wider (sub $wide (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i32)) (field $d (mut i32))
                                       (field $e (mut f64)) (field $f (mut v128)) (field $g (mut i64))
                                       (field $r0 (mut i31ref)) (field $r1 (mut i31ref)) (field $r2 (mut i31ref)) (field $r3 (mut i31ref))
                                       (field $h (mut f32)) (field $r4 (mut i31ref)))))
              (global $made (mut (ref null $wide)) (ref.null $wide))
              (func (export "make") (param $subtype i32)
                (global.set $made
                  (if (result (ref $wide)) (local.get $subtype)
                    (then (struct.new_default $wider))
                    (else (struct.new_default $wide))))
                (struct.set $wide $a (global.get $made) (i32.const -3))
                (struct.set $wide $b (global.get $made) (i32.const 40000))
                (struct.set $wide $c (global.get $made) (i32.const 7))
                (struct.set $wide $d (global.get $made) (i32.const -8))
                (struct.set $wide $e (global.get $made) (f64.const 2.5))
                (struct.set $wide $f (global.get $made) (v128.const i32x4 1 2 3 4))
                (struct.set $wide $g (global.get $made) (i64.const 0x123456789))
                (struct.set $wide $r0 (global.get $made) (ref.i31 (i32.const 10)))
                (struct.set $wide $r1 (global.get $made) (ref.i31 (i32.const 11)))
                (struct.set $wide $r2 (global.get $made) (ref.i31 (i32.const 12)))
                (struct.set $wide $r3 (global.get $made) (ref.i31 (i32.const 13))))
              (func (export "sum") (result f64)
                (local $w (ref $wide))
                (local.set $w (ref.as_non_null (global.get $made)))
                (f64.add
                  (f64.convert_i32_s (i32.add (i32.add (struct.get_s $wide $a (local.get $w)) (struct.get_u $wide $b (local.get $w)))
                    (i32.add (struct.get $wide $c (local.get $w)) (struct.get $wide $d (local.get $w)))))
                  (f64.add (struct.get $wide $e (local.get $w))
                    (f64.convert_i64_s (i64.add (struct.get $wide $g (local.get $w))
                      (i64.extend_i32_s (i32.add (i32x4.extract_lane 3 (struct.get $wide $f (local.get $w)))
                        (i32.add (i32.add (i31.get_s (struct.get $wide $r0 (local.get $w))) (i31.get_s (struct.get $wide $r1 (local.get $w))))
                                 (i32.add (i31.get_s (struct.get $wide $r2 (local.get $w))) (i31.get_s (struct.get $wide $r3 (local.get $w))))))))))))
              (func (export "extra") (result f32)
                (local $w (ref $wider))
                (local.set $w (ref.cast (ref $wider) (global.get $made)))
                (struct.set $wider $h (local.get $w) (f32.const 1.5))
                (struct.set $wider $r4 (local.get $w) (ref.i31 (i32.const 5)))
                (f32.add (struct.get $wider $h (local.get $w)) (f32.convert_i32_s (i31.get_s (struct.get $wider $r4 (local.get $w)))))))
            """;
        var instance = new Linker(Engine).Instantiate(new Store(Engine), Module.FromText(Engine, wat));
        // -3 + 40000 + 7 - 8 + 2.5 + 0x123456789 + 4 + 10 + 11 + 12 + 13
        var expected = -3 + 40000 + 7 - 8 + 2.5 + 0x123456789 + 4 + 46;
        foreach (var subtype in new[] { 0, 1 })
        {
            instance.GetFunction("make")!.Invoke(Value.I32(subtype));
            Assert.Equal(expected, instance.GetFunction("sum")!.Invoke()[0].AsF64());
        }
        Assert.Equal(6.5f, instance.GetFunction("extra")!.Invoke()[0].AsF32());
        Assert.Equal(expected, instance.GetFunction("sum")!.Invoke()[0].AsF64());
    }
}
