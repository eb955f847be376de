namespace Heron.Fuzz.Hostile;

/// <summary>
/// Turns a real module into a hostile one: bit flips, byte insertions and deletions, LEB128 edge values, huge
/// counts and lengths, sections spliced from other modules, or plain random bytes behind a valid header.
/// </summary>
internal sealed class Mutator(Random random, Corpus corpus)
{
    private static readonly byte[][] LebEdges =
    [
        [0x00], [0x7f], [0x80, 0x00], [0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0x7f],
        [0x80, 0x80, 0x80, 0x80, 0x10], [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        [0x80, 0x80, 0x04], [0xc0, 0xbb, 0x78], [0x80, 0x80, 0x80, 0x80, 0x08], [0xff, 0xff, 0x03], [0x81, 0x80, 0x80, 0x80, 0x00],
    ];

    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    public byte[] Next()
    {
        var kind = random.Next(100);
        if (kind < 3) return RandomBytes();
        var source = kind < 4 && corpus.Large.Count > 0 ? corpus.Large[random.Next(corpus.Large.Count)] : corpus.Small[random.Next(corpus.Small.Count)];
        var bytes = new List<byte>(source);
        var rounds = 1 + (random.Next(4) == 0 ? random.Next(8) : 0);
        for (var i = 0; i < rounds; i++) Mutate(bytes);
        return bytes.ToArray();
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(0, 256)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0 && bytes.Length >= 8) Header.CopyTo(bytes, 0);
        return bytes;
    }

    private void Mutate(List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            bytes.AddRange(Header);
            return;
        }
        var at = random.Next(bytes.Count);
        switch (random.Next(10))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes[at] = (byte)random.Next(256);
                break;
            case 2:
                bytes[at] = random.Next(2) == 0 ? (byte)0xff : (byte)0x80;
                break;
            case 3:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(random.Next(2) == 0 ? 4 : 64)));
                break;
            case 4:
                for (var n = random.Next(1, 9); n > 0; n--) bytes.Insert(at, (byte)random.Next(256));
                break;
            case 5:
            case 6:
                // LEB128 edge values replace what is there (counts, lengths, indices, immediates).
                var leb = LebEdges[random.Next(LebEdges.Length)];
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 6)));
                bytes.InsertRange(at, leb);
                break;
            case 7:
                SpliceSection(bytes);
                break;
            case 8:
                // Duplicate a range: repeated sections, repeated instructions.
                var length = Math.Min(bytes.Count - at, 1 + random.Next(32));
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                break;
            default:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
        }
    }

    /// <summary>Copies a whole section of another module into this one, at a section boundary when one is found.</summary>
    private void SpliceSection(List<byte> bytes)
    {
        var donor = corpus.Small[random.Next(corpus.Small.Count)];
        var sections = Sections(donor);
        if (sections.Count == 0) return;
        var (start, end) = sections[random.Next(sections.Count)];
        var targets = Sections(bytes.ToArray());
        var at = targets.Count > 0 ? targets[random.Next(targets.Count)].Start : Math.Min(8, bytes.Count);
        if (random.Next(2) == 0 && targets.Count > 0)
        {
            var (s, e) = targets[random.Next(targets.Count)];
            bytes.RemoveRange(s, e - s);
            at = s;
        }
        bytes.InsertRange(at, donor.AsSpan(start, end - start).ToArray());
    }

    private static List<(int Start, int End)> Sections(byte[] module)
    {
        var list = new List<(int, int)>();
        var position = 8;
        while (position < module.Length)
        {
            var start = position++;
            ulong size = 0;
            var shift = 0;
            while (position < module.Length && shift < 35)
            {
                var b = module[position++];
                size |= (ulong)(b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) break;
            }
            var end = (ulong)position + size;
            if (end > (ulong)module.Length) break;
            list.Add((start, (int)end));
            position = (int)end;
        }
        return list;
    }
}
