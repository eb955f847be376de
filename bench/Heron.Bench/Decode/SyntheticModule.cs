namespace Heron.Bench.Decode;

/// <summary>
/// Builds a large valid module in the binary format: thousands of functions whose bodies mix what
/// compiled C and Rust code is made of (locals, i32/i64/f64 arithmetic, loads and stores, nested
/// blocks and loops with branches, calls), to measure decoding and validation on realistic code.
/// </summary>
internal static class SyntheticModule
{
    public static byte[] Build(int targetBytes)
    {
        var body = Body();
        int functions = Math.Max(1, targetBytes / (body.Length + 8));
        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        // One type: (i32, i32) -> i32.
        Section(module, 1, [0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F]);
        var functionSection = new List<byte>();
        Leb(functionSection, (uint)functions);
        for (int i = 0; i < functions; i++) functionSection.Add(0x00);
        Section(module, 3, functionSection);
        Section(module, 5, [0x01, 0x00, 0x01]);
        var code = new List<byte>();
        Leb(code, (uint)functions);
        for (int i = 0; i < functions; i++)
        {
            var entry = new List<byte>(body.Length + 8);
            entry.AddRange(body);
            // Patch the callee so calls spread over the whole module.
            var callee = new List<byte>();
            Leb(callee, (uint)((i + 1) % functions), width: 3);
            entry.InsertRange(CallIndexOffset, callee);
            Leb(code, (uint)entry.Count);
            code.AddRange(entry);
        }
        Section(module, 10, code);
        return module.ToArray();
    }

    private static int CallIndexOffset;

    private static byte[] Body()
    {
        var b = new List<byte>
        {
            0x03, 0x04, 0x7F, 0x01, 0x7E, 0x01, 0x7C, // locals 2-5: i32, 6: i64, 7: f64
        };
        for (int round = 0; round < 24; round++)
        {
            b.AddRange([0x20, 0x00, 0x20, 0x01, 0x6A, 0x21, 0x02]); // x = p0 + p1
            b.AddRange([0x02, 0x40, 0x03, 0x40]); // block loop
            b.AddRange([0x20, 0x02, 0x41, 0x01, 0x6B, 0x22, 0x02]); // x = x - 1 (tee)
            b.AddRange([0x28, 0x02, 0x04]); // i32.load align=4 offset=4
            b.AddRange([0x20, 0x03, 0x73, 0x21, 0x03]); // acc ^= load
            b.AddRange([0x20, 0x06, 0x20, 0x02, 0xAC, 0x7C, 0x21, 0x06]); // wide += (i64) x
            b.AddRange([0x20, 0x07, 0x20, 0x02, 0xB7, 0xA2, 0x21, 0x07]); // f *= (f64) x
            b.AddRange([0x20, 0x02, 0x41, 0x10, 0x48, 0x0D, 0x01]); // br_if 1 (x < 16)
            b.AddRange([0x20, 0x02, 0x0D, 0x00]); // br_if 0 (x != 0)
            b.AddRange([0x0B, 0x0B]); // end end
            b.AddRange([0x20, 0x02, 0x20, 0x03, 0x36, 0x02, 0x08]); // i32.store offset=8
            b.AddRange([0x20, 0x03, 0x20, 0x06, 0xA7, 0x6C, 0x21, 0x03]); // acc *= (i32) wide
        }
        b.AddRange([0x20, 0x00, 0x20, 0x03, 0x10]); // call f(p0, acc)
        CallIndexOffset = b.Count;
        b.AddRange([0x1A, 0x20, 0x03, 0x0B]); // drop; acc; end
        return b.ToArray();
    }

    private static void Section(List<byte> module, byte id, IReadOnlyCollection<byte> contents)
    {
        module.Add(id);
        Leb(module, (uint)contents.Count);
        module.AddRange(contents);
    }

    private static void Leb(List<byte> output, uint value, int width = 0)
    {
        int written = 0;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            written++;
            if (value != 0 || written < width) b |= 0x80;
            output.Add(b);
        } while (value != 0 || written < width);
    }
}
