using Heron.Binary;
using Heron.Model;
using static Heron.Tests.Binary.Bytes;

namespace Heron.Tests.Binary;

public sealed class ModuleDecoderTests
{
    private static DecodeException Malformed(byte[] bytes, WasmFeatures features = WasmFeatures.Wasm2) =>
        Assert.Throws<DecodeException>(() => ModuleDecoder.Decode(bytes, features));

    [Fact]
    public void Empty_module_decodes_to_an_empty_description()
    {
        var module = ModuleDecoder.Decode(Header);
        Assert.Empty(module.Types);
        Assert.Empty(module.Bodies);
        Assert.Null(module.Start);
        Assert.Null(module.DataCount);
    }

    [Theory]
    [InlineData(new byte[0], "unexpected end")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 }, "unexpected end")]
    [InlineData(new byte[] { 0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00 }, "magic header not detected")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00 }, "unexpected end")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00 }, "unknown binary version")]
    public void Header_errors_are_reported(byte[] bytes, string reason)
    {
        Assert.Equal(reason, Malformed(bytes).Reason);
    }

    [Theory]
    [InlineData(0x0E)]
    [InlineData(0x7F)]
    [InlineData(0x80)]
    public void Unknown_section_ids_are_malformed(byte id)
    {
        Assert.Equal("malformed section id", Malformed(Module([id, 0x01, 0x00])).Reason);
    }

    [Fact]
    public void Tag_section_id_needs_exception_handling()
    {
        var bytes = Module(OneEmptyFuncType, Section(13, 0x01, 0x00, 0x00));
        Assert.Equal("malformed section id", Malformed(bytes).Reason);
        Assert.Equal([0], ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3).Tags);
    }

    [Fact]
    public void Sections_out_of_order_or_repeated_are_rejected()
    {
        // function before type
        Assert.Equal("unexpected content after last section",
            Malformed(Module(Section(3, 0x00), OneEmptyFuncType)).Reason);
        // two type sections
        Assert.Equal("unexpected content after last section",
            Malformed(Module(OneEmptyFuncType, OneEmptyFuncType)).Reason);
        // data count (12) goes before code (10), not after it
        Assert.Equal("unexpected content after last section",
            Malformed(Module(Section(10, 0x00), Section(12, 0x00))).Reason);
    }

    [Fact]
    public void Data_count_section_sits_between_element_and_code()
    {
        var module = ModuleDecoder.Decode(Module(Section(9, 0x00), Section(12, 0x00), Section(10, 0x00), Section(11, 0x00)));
        Assert.Equal(0, module.DataCount);
    }

    [Fact]
    public void Section_contents_must_fill_the_section_exactly()
    {
        // a type section of size 5 holding a 4-byte vector
        Assert.Equal("section size mismatch", Malformed(Module([0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00])).Reason);
        // a section larger than the module
        Assert.Equal("length out of bounds", Malformed(Module([0x01, 0x09, 0x01, 0x60, 0x00, 0x00])).Reason);
    }

    [Fact]
    public void Reading_past_a_section_is_an_unexpected_end()
    {
        // type section of size 3 whose function type claims a parameter
        var error = Malformed(Module([0x01, 0x03, 0x01, 0x60, 0x01, 0x7F, 0x00]));
        Assert.StartsWith("unexpected end", error.Reason);
    }

    [Fact]
    public void Leb128_that_is_too_long_or_has_unused_bits_set_is_malformed()
    {
        // function section: count written in 6 bytes
        Assert.Equal("integer representation too long",
            Malformed(Module(OneEmptyFuncType, Section(3, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00))).Reason);
        // memory minimum 2^32 (unused bits of the fifth byte set)
        Assert.Equal("integer too large", Malformed(Module(Section(5, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10))).Reason);
    }

    [Fact]
    public void Padded_leb128_within_five_bytes_is_accepted()
    {
        var module = ModuleDecoder.Decode(Module(Section(5, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x00)));
        Assert.Equal(2UL, module.Memories[0].Limits.Minimum);
    }

    [Fact]
    public void Names_must_be_valid_utf8()
    {
        // export named "\xFF"
        var bytes = Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(7, 0x01, 0x01, 0xFF, 0x00, 0x00), Section(10, 0x01, 0x02, 0x00, 0x0B));
        Assert.Equal("malformed UTF-8 encoding", Malformed(bytes).Reason);
        // a custom section's name too: an overlong encoding of '/'
        Assert.Equal("malformed UTF-8 encoding", Malformed(Module(Section(0, 0x02, 0xC0, 0xAF))).Reason);
    }

    [Fact]
    public void Function_and_code_counts_must_agree()
    {
        Assert.Equal("function and code section have inconsistent lengths",
            Malformed(Module(OneEmptyFuncType, Section(3, 0x01, 0x00))).Reason);
        Assert.Equal("function and code section have inconsistent lengths",
            Malformed(Module(OneEmptyFuncType, Section(10, 0x01, 0x02, 0x00, 0x0B))).Reason);
    }

    [Fact]
    public void Data_count_must_match_the_data_section()
    {
        Assert.Equal("data count and data section have inconsistent lengths",
            Malformed(Module(Section(12, 0x01))).Reason);
        Assert.Equal("data count and data section have inconsistent lengths",
            Malformed(Module(Section(12, 0x00), Section(11, 0x01, 0x01, 0x00))).Reason);
    }

    [Fact]
    public void More_than_fifty_thousand_locals_are_too_many_and_are_not_allocated()
    {
        // 0x40000000 locals of each of four types: 2^32 in all
        byte[] body = [0x04, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7F, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7E,
                       0x80, 0x80, 0x80, 0x80, 0x04, 0x7D, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7C, 0x0B];
        Assert.StartsWith("too many locals",
            Malformed(Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, [0x01, (byte)body.Length, .. body]))).Reason);

        // 2^32 - 1 locals are within the spec but beyond the implementation limit (Wasmtime's: 50,000)
        byte[] tooMany = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B];
        Assert.StartsWith("too many locals",
            Malformed(Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, [0x01, (byte)tooMany.Length, .. tooMany]))).Reason);

        // 50,000 locals are fine, kept as one run
        byte[] many = [0x01, 0xD0, 0x86, 0x03, 0x7F, 0x0B];
        var module = ModuleDecoder.Decode(Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, [0x01, (byte)many.Length, .. many])));
        Assert.Equal(50_000u, module.Bodies[0].LocalCount);
        Assert.Single(module.Bodies[0].Locals);
    }

    [Fact]
    public void Function_bodies_are_delimited_not_decoded()
    {
        // (func (local i32 i32 i64) i32.const 1 drop) with an opcode the decoder leaves to the validator
        byte[] body = [0x02, 0x02, 0x7F, 0x01, 0x7E, 0x41, 0x01, 0x1A, 0x0B];
        var bytes = Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, [0x01, (byte)body.Length, .. body]));
        var module = ModuleDecoder.Decode(bytes);
        var function = module.Bodies[0];
        Assert.Equal([new LocalDeclaration(2, ValueType.I32), new LocalDeclaration(1, ValueType.I64)], function.Locals);
        Assert.Equal(new byte[] { 0x41, 0x01, 0x1A, 0x0B }, function.Code.Of(module.Bytes).ToArray());
        Assert.Equal(body, function.Encoded.Of(module.Bytes).ToArray());
    }

    [Fact]
    public void A_body_that_does_not_end_with_end_is_malformed()
    {
        byte[] body = [0x00, 0x41, 0x01, 0x1A];
        var error = Malformed(Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, [0x01, (byte)body.Length, .. body])));
        Assert.Equal("unexpected end of section or function", error.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x02 }, "malformed mutability")]
    [InlineData(new byte[] { 0xFF }, "malformed mutability")]
    public void Global_mutability_must_be_0_or_1(byte[] mutability, string reason)
    {
        Assert.Equal(reason, Malformed(Module(Section(6, [0x01, 0x7F, .. mutability, 0x41, 0x00, 0x0B]))).Reason);
    }

    [Fact]
    public void Limits_flags_beyond_2_0_are_malformed_in_2_0_only()
    {
        // a 64-bit memory: flags 0x04
        var memory64 = Module(Section(5, 0x01, 0x04, 0x01));
        Assert.Equal("integer too large", Malformed(memory64).Reason);
        var module = ModuleDecoder.Decode(memory64, WasmFeatures.Wasm3);
        Assert.True(module.Memories[0].Is64);

        Assert.Equal("integer representation too long", Malformed(Module(Section(5, 0x01, 0x81, 0x00, 0x00))).Reason);
        Assert.Equal("malformed limits flags", Malformed(Module(Section(5, 0x01, 0x08, 0x00)), WasmFeatures.Wasm3).Reason);
        // shared memories need the threads proposal
        Assert.Equal("integer too large", Malformed(Module(Section(5, 0x01, 0x03, 0x01, 0x02))).Reason);
        Assert.True(ModuleDecoder.Decode(Module(Section(5, 0x01, 0x03, 0x01, 0x02)), WasmFeatures.Wasm2 | WasmFeatures.Threads).Memories[0].Shared);
    }

    [Fact]
    public void Import_kinds_beyond_global_are_malformed_in_2_0()
    {
        // (import "" "" (tag (type 0)))
        var bytes = Module(OneEmptyFuncType, Section(2, 0x01, 0x00, 0x00, 0x04, 0x00, 0x00));
        Assert.Equal("malformed import kind", Malformed(bytes).Reason);
        var module = ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3);
        Assert.Equal(1, module.ImportedTagCount);
        Assert.Equal(0, module.TagTypeIndex(0));
    }

    [Fact]
    public void Imported_counts_are_precomputed_per_kind()
    {
        // func, table funcref 0, memory 1, global mut i32, func
        var bytes = Module(OneEmptyFuncType, Section(2,
            0x05,
            0x01, 0x6D, 0x01, 0x66, 0x00, 0x00,
            0x01, 0x6D, 0x01, 0x74, 0x01, 0x70, 0x00, 0x00,
            0x01, 0x6D, 0x01, 0x6D, 0x02, 0x00, 0x01,
            0x01, 0x6D, 0x01, 0x67, 0x03, 0x7F, 0x01,
            0x01, 0x6D, 0x01, 0x68, 0x00, 0x00));
        var module = ModuleDecoder.Decode(bytes);
        Assert.Equal((2, 1, 1, 1, 0), (module.ImportedFunctionCount, module.ImportedTableCount, module.ImportedMemoryCount, module.ImportedGlobalCount, module.ImportedTagCount));
        Assert.Equal("h", module.ImportAt(ExternKind.Function, 1).Name);
        Assert.Equal(new GlobalType(ValueType.I32, true), module.GlobalTypeOf(0));
    }

    [Fact]
    public void Element_segments_decode_in_all_eight_forms()
    {
        byte[] offset = [0x41, 0x00, 0x0B];
        byte[] refFunc = [0xD2, 0x00, 0x0B];
        var bytes = Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(4, 0x01, 0x70, 0x00, 0x01), Section(9,
        [
            0x08,
            0x00, .. offset, 0x01, 0x00,
            0x01, 0x00, 0x01, 0x00,
            0x02, 0x00, .. offset, 0x00, 0x01, 0x00,
            0x03, 0x00, 0x01, 0x00,
            0x04, .. offset, 0x01, .. refFunc,
            0x05, 0x70, 0x01, .. refFunc,
            0x06, 0x00, .. offset, 0x70, 0x01, .. refFunc,
            0x07, 0x70, 0x01, .. refFunc,
        ]), Section(10, 0x01, 0x02, 0x00, 0x0B));
        var module = ModuleDecoder.Decode(bytes);
        SegmentMode[] modes = [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative];
        for (int flags = 0; flags < 8; flags++)
        {
            var segment = module.Elements[flags];
            Assert.Equal(flags, segment.Encoding);
            Assert.Equal(modes[flags & 3], segment.Mode);
            Assert.Equal(ValueType.FuncRef, segment.ElementType);
            Assert.Equal(1, segment.Count);
            if (flags < 4) Assert.Equal([0], segment.FunctionIndices!);
            else Assert.Equal(refFunc, segment.Expressions![0].Of(module.Bytes).ToArray());
            if (segment.Mode == SegmentMode.Active) Assert.Equal(offset, segment.Offset.Of(module.Bytes).ToArray());
        }
    }

    [Fact]
    public void Element_segment_flags_and_kinds_are_checked()
    {
        var table = Section(4, 0x01, 0x70, 0x00, 0x01);
        Assert.Equal("malformed elements segment kind", Malformed(Module(table, Section(9, 0x01, 0x08, 0x00, 0x00))).Reason);
        // elemkind other than 0x00 (funcref)
        Assert.Equal("malformed elements segment kind", Malformed(Module(table, Section(9, 0x01, 0x01, 0x01, 0x00))).Reason);
        // reference type i32
        Assert.Equal("malformed reference type", Malformed(Module(table, Section(9, 0x01, 0x05, 0x7F, 0x00))).Reason);
    }

    [Fact]
    public void Data_segments_decode_in_their_three_forms()
    {
        var bytes = Module(Section(5, 0x01, 0x00, 0x01), Section(11,
            0x03,
            0x00, 0x41, 0x08, 0x0B, 0x02, 0x61, 0x62,
            0x01, 0x01, 0x63,
            0x02, 0x00, 0x41, 0x00, 0x0B, 0x00));
        var module = ModuleDecoder.Decode(bytes);
        Assert.Equal(SegmentMode.Active, module.Data[0].Mode);
        Assert.Equal("ab"u8.ToArray(), module.Data[0].Data.Of(module.Bytes).ToArray());
        Assert.Equal(new byte[] { 0x41, 0x08, 0x0B }, module.Data[0].Offset.Of(module.Bytes).ToArray());
        Assert.Equal(SegmentMode.Passive, module.Data[1].Mode);
        Assert.Equal(2, module.Data[2].Encoding);
        Assert.Equal(0, module.Data[2].Data.Length);
        Assert.Equal("malformed data segment kind", Malformed(Module(Section(11, 0x01, 0x03, 0x00))).Reason);
    }

    [Fact]
    public void Constant_expressions_are_checked_for_encoding_and_include_their_end()
    {
        // (global i32 (i32.const 7))
        var module = ModuleDecoder.Decode(Module(Section(6, 0x01, 0x7F, 0x00, 0x41, 0x07, 0x0B)));
        Assert.Equal(new byte[] { 0x41, 0x07, 0x0B }, module.Globals[0].Init.Of(module.Bytes).ToArray());
        Assert.Equal("illegal opcode", Malformed(Module(Section(6, 0x01, 0x7F, 0x00, 0xF3, 0x00, 0x0B))).Reason);
        Assert.StartsWith("unexpected end", Malformed(Module(Section(6, 0x01, 0x7F, 0x00, 0x41, 0x07))).Reason);
    }

    [Fact]
    public void Typed_references_are_malformed_in_2_0()
    {
        // (global (ref null func)) written with 0x63
        var bytes = Module(Section(6, 0x01, 0x63, 0x70, 0x00, 0xD0, 0x70, 0x0B));
        Assert.Equal("malformed value type", Malformed(bytes).Reason);
        Assert.Equal(ValueType.FuncRef, ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3).Globals[0].Type.ValueType);
        // v128 needs SIMD
        Assert.Equal("malformed value type", Malformed(Module(Section(1, 0x01, 0x60, 0x01, 0x7B, 0x00)), WasmFeatures.None).Reason);
    }

    [Fact]
    public void Gc_types_decode_with_recursion_groups_and_subtypes()
    {
        byte[] types =
        [
            0x02,
            // (rec (type (sub (struct (field (mut i8)) (field i64)))) (type (sub final 0 (struct (field (mut i8)) (field i64)))))
            0x4E, 0x02,
            0x50, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x7E, 0x00,
            0x4F, 0x01, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x7E, 0x00,
            // (type (array (mut (ref null 0))))
            0x5E, 0x63, 0x00, 0x01,
        ];
        var bytes = Module(Section(1, types));
        Assert.Equal("malformed function type", Malformed(bytes).Reason);
        var module = ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3);
        Assert.Equal(3, module.Types.Length);
        Assert.Equal((CompositeKind.Struct, false, 0, 2), (module.Types[0].Kind, module.Types[0].Final, module.Types[0].RecGroupStart, module.Types[0].RecGroupSize));
        Assert.Equal([new FieldType(new StorageType(ValueType.I32, 8), true), new FieldType(new StorageType(ValueType.I64), false)], module.Types[0].Fields);
        Assert.True(module.Types[1].Final);
        Assert.Equal([0], module.Types[1].SuperTypes);
        Assert.Equal((CompositeKind.Array, 2, 1), (module.Types[2].Kind, module.Types[2].RecGroupStart, module.Types[2].RecGroupSize));
        Assert.Equal(ValueType.Ref(new HeapType(0), nullable: true), module.Types[2].Fields[0].Storage.Type);
        AssertRoundTrips(bytes, WasmFeatures.Wasm3);
    }

    [Fact]
    public void Tables_with_an_initialiser_decode_in_3_0()
    {
        // (table 1 (ref func) (ref.func 0))
        var bytes = Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(4, 0x01, 0x40, 0x00, 0x64, 0x70, 0x00, 0x01, 0xD2, 0x00, 0x0B),
            Section(10, 0x01, 0x02, 0x00, 0x0B));
        Malformed(bytes);
        var module = ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3);
        Assert.Equal(ValueType.Ref(HeapType.Func, nullable: false), module.Tables[0].Type.ElementType);
        Assert.Equal(new byte[] { 0xD2, 0x00, 0x0B }, module.Tables[0].Init!.Value.Of(module.Bytes).ToArray());
        AssertRoundTrips(bytes, WasmFeatures.Wasm3);
    }

    [Fact]
    public void Huge_claimed_counts_fail_without_allocating_for_them()
    {
        // vectors claiming 2^31 - 1 items in a few bytes
        byte[] huge = [0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        foreach (byte id in new byte[] { 1, 2, 3, 4, 5, 6, 7, 9, 10, 11 })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Malformed(Module(Section(id, huge)));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000, $"section {id} allocated for its claimed count");
        }
        // a name claiming 2^31 - 1 bytes, and locals claiming 2^31 - 1 runs
        Malformed(Module(Section(0, huge)));
        Malformed(Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, [0x01, 0x06, .. huge, 0x0B])));
    }

    [Fact]
    public void Custom_sections_keep_their_place()
    {
        var bytes = Module(Section(0, 0x01, 0x61, 0x01), OneEmptyFuncType, Section(0, 0x01, 0x62), Section(5, 0x00), Section(0, 0x01, 0x63, 0x02, 0x03));
        var module = ModuleDecoder.Decode(bytes);
        Assert.Equal(["a", "b", "c"], module.CustomSections.Select(c => c.Name));
        Assert.Equal([0, 1, 5], module.CustomSections.Select(c => c.After));
        Assert.Equal(new byte[] { 0x02, 0x03 }, module.CustomSections[2].Contents.Of(module.Bytes).ToArray());
        var again = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
        Assert.Null(ModuleComparer.Difference(module, again));
    }

    [Fact]
    public void Name_section_gives_module_function_and_local_names()
    {
        byte[] names =
        [
            0x04, (byte)'n', (byte)'a', (byte)'m', (byte)'e',
            0x00, 0x02, 0x01, (byte)'M',                               // module "M"
            0x01, 0x04, 0x01, 0x00, 0x01, (byte)'f',                   // function 0 "f"
            0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, (byte)'x',       // function 0, local 0 "x"
            0x07, 0x01, 0x00,                                          // a subsection Heron does not read
        ];
        var bytes = Module(Section(1, 0x01, 0x60, 0x01, 0x7F, 0x00), Section(3, 0x01, 0x00), Section(10, 0x01, 0x02, 0x00, 0x0B), Section(0, names));
        var module = ModuleDecoder.Decode(bytes);
        Assert.Equal("M", module.Names.ModuleName);
        Assert.Equal("f", module.FunctionName(0));
        Assert.Equal("x", module.Names.LocalNames[0][0]);
        AssertRoundTrips(bytes);
    }

    [Fact]
    public void A_malformed_name_section_is_ignored()
    {
        // function names subsection whose size overruns the section
        byte[] names = [0x04, (byte)'n', (byte)'a', (byte)'m', (byte)'e', 0x01, 0x09, 0x01, 0x00, 0x01, (byte)'f'];
        var module = ModuleDecoder.Decode(Module(OneEmptyFuncType, Section(3, 0x01, 0x00), Section(10, 0x01, 0x02, 0x00, 0x0B), Section(0, names)));
        Assert.Empty(module.Names.FunctionNames);
        Assert.Single(module.CustomSections);
    }

    [Fact]
    public void Truncated_modules_only_ever_raise_decode_errors()
    {
        // Every prefix and every single-byte corruption of a module using most sections.
        byte[] offset = [0x41, 0x00, 0x0B];
        var bytes = Module(OneEmptyFuncType, Section(2, 0x01, 0x01, 0x6D, 0x01, 0x66, 0x00, 0x00), Section(3, 0x01, 0x00),
            Section(4, 0x01, 0x70, 0x01, 0x01, 0x02), Section(5, 0x01, 0x01, 0x01, 0x02), Section(6, [0x01, 0x7F, 0x01, .. offset]),
            Section(7, 0x01, 0x01, 0x65, 0x00, 0x01), Section(8, 0x01), Section(9, [0x01, 0x00, .. offset, 0x01, 0x01]),
            Section(12, 0x01), Section(10, 0x01, 0x04, 0x01, 0x01, 0x7F, 0x0B), Section(11, [0x01, 0x00, .. offset, 0x01, 0x61]));
        ModuleDecoder.Decode(bytes);
        for (int length = 0; length < bytes.Length; length++)
        {
            // A prefix ending between sections can be a valid module; any other error must be a DecodeException.
            try { ModuleDecoder.Decode(bytes[..length]); }
            catch (DecodeException) { }
        }
        Malformed(bytes[..^1]);
        for (int i = 8; i < bytes.Length; i++)
        {
            foreach (byte value in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF })
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[i] = value;
                try { ModuleDecoder.Decode(corrupt); }
                catch (DecodeException) { }
            }
        }
    }

    internal static void AssertRoundTrips(byte[] bytes, WasmFeatures features = WasmFeatures.Wasm2)
    {
        var module = ModuleDecoder.Decode(bytes, features);
        var again = ModuleDecoder.Decode(ModuleEncoder.Encode(module), features);
        Assert.Null(ModuleComparer.Difference(module, again));
    }
}
