using System.Reflection;
using Heron.Instructions;

namespace Heron.Tests.Instructions;

public sealed class OpcodeTableTests
{
    [Fact]
    public void Simd_has_the_236_instructions_of_webassembly_2()
    {
        Assert.Equal(236, OpcodeTable.All.Count(info => info.Feature == Feature.Simd));
    }

    [Fact]
    public void Names_map_back_to_their_encodings()
    {
        Assert.Equal(Opcode.I32Add, OpcodeTable.FromName("i32.add")!.Opcode);
        Assert.Equal(Opcode.MemoryInit, OpcodeTable.FromPrefixed(0xFC, 8)!.Opcode);
        Assert.Equal(Opcode.I32x4RelaxedDotI8x16I7x16AddS, OpcodeTable.FromPrefixed(0xFD, 0x113)!.Opcode);
        Assert.Null(OpcodeTable.FromByte(0xFF));
    }

    [Fact]
    public void Loads_know_their_access_size()
    {
        Assert.Equal(2, OpcodeTable.Get(Opcode.I64Load16U).AccessSize);
        Assert.Equal(16, OpcodeTable.Get(Opcode.V128Load).AccessSize);
        Assert.Equal([ValueType.I32, ValueType.I64], OpcodeTable.Get(Opcode.I64Store).Operands!);
    }

    /// <summary>The generated rows say exactly what the [Op] attributes say, for every member.</summary>
    [Fact]
    public void The_generated_rows_match_the_attributes_member_for_member()
    {
        var fields = typeof(Opcode).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.Equal(fields.Length, OpcodeTable.All.Count());
        foreach (var field in fields)
        {
            var row = field.GetCustomAttribute<OpAttribute>()!;
            var info = OpcodeTable.Get((Opcode)field.GetValue(null)!);
            Assert.Equal((row.Name, row.Immediate, row.AccessSize, row.Lanes, row.Feature), (info.Name, info.Immediate, info.AccessSize, info.Lanes, info.Feature));
            Assert.Equal(row.Signature is null, info.Operands is null);
        }
    }
}
