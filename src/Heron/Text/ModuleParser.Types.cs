namespace Heron.Text;

/// <summary>Value types, heap types, type definitions and type uses.</summary>
internal sealed partial class ModuleParser
{
    private static readonly Dictionary<string, byte> ValueTypeCodes = new(StringComparer.Ordinal)
    {
        ["i32"] = 0x7F, ["i64"] = 0x7E, ["f32"] = 0x7D, ["f64"] = 0x7C, ["v128"] = 0x7B,
        ["funcref"] = 0x70, ["externref"] = 0x6F, ["anyref"] = 0x6E, ["eqref"] = 0x6D, ["i31ref"] = 0x6C,
        ["structref"] = 0x6B, ["arrayref"] = 0x6A, ["exnref"] = 0x69, ["nullexnref"] = 0x74,
        ["nullfuncref"] = 0x73, ["nullexternref"] = 0x72, ["nullref"] = 0x71,
    };

    private static readonly Dictionary<string, byte> HeapTypeCodes = new(StringComparer.Ordinal)
    {
        ["func"] = 0x70, ["extern"] = 0x6F, ["any"] = 0x6E, ["eq"] = 0x6D, ["i31"] = 0x6C, ["struct"] = 0x6B,
        ["array"] = 0x6A, ["exn"] = 0x69, ["noexn"] = 0x74, ["nofunc"] = 0x73, ["noextern"] = 0x72, ["none"] = 0x71,
    };

    private static readonly byte[][] SingleByteTypes = Enumerable.Range(0, 128).Select(b => new[] { (byte)b }).ToArray();

    /// <summary>True when the next token starts a value type.</summary>
    internal bool AtValueType =>
        (r.Current.Kind == TokenKind.Keyword && ValueTypeCodes.ContainsKey(r.TextString(r.Current))) || r.AtForm("ref");

    /// <summary>Reads a value type and returns its encoding.</summary>
    internal byte[] ParseValueType()
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Keyword && ValueTypeCodes.TryGetValue(r.TextString(token), out var code))
        {
            r.Next();
            return SingleByteTypes[code];
        }
        if (r.AtForm("ref")) return ParseRefForm(out _);
        throw r.Unexpected();
    }

    /// <summary>Reads a reference type (keyword or <c>(ref null? ht)</c>): its encoding and nullability.</summary>
    internal byte[] ParseRefType(out bool nullable, out byte[] heapType)
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Keyword && ValueTypeCodes.TryGetValue(r.TextString(token), out var code) && code is <= 0x74 and >= 0x69)
        {
            r.Next();
            nullable = true;
            heapType = SingleByteTypes[code];
            return heapType;
        }
        if (!r.AtForm("ref")) throw r.Unexpected();
        var encoding = ParseRefForm(out nullable);
        heapType = encoding.Length > 1 ? encoding[1..] : encoding;
        return encoding;
    }

    private byte[] ParseRefForm(out bool nullable)
    {
        r.Position += 2; // (ref
        nullable = false;
        if (r.AtKeyword("null"))
        {
            r.Next();
            nullable = true;
        }
        var heap = ParseHeapType();
        r.ExpectRightParen();
        // (ref null abstract) has a one-byte shorthand; the reference assembler uses it.
        if (nullable && heap.Length == 1 && heap[0] >= 0x69) return heap;
        var w = new ByteWriter();
        w.Byte(nullable ? 0x63 : 0x64);
        w.Bytes(heap);
        return w.ToArray();
    }

    /// <summary>Reads a heap type: an abstract keyword or a type index (encoded as s33).</summary>
    internal byte[] ParseHeapType()
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Keyword && HeapTypeCodes.TryGetValue(r.TextString(token), out var code))
        {
            r.Next();
            return SingleByteTypes[code];
        }
        if (token.Kind is TokenKind.Id or TokenKind.Number)
        {
            var index = types.Resolve(r);
            var w = new ByteWriter();
            w.S64(index);
            return w.ToArray();
        }
        throw r.Unexpected();
    }

    /// <summary><c>(type $id? deftype)</c>, where the reader is at the left parenthesis.</summary>
    private void ParseTypeField()
    {
        r.Position += 2;
        r.TryId();
        ParseSubType(typeSection, typeSignatures.Count, inRecGroup: false);
        r.ExpectRightParen();
        typeEntries++;
    }

    /// <summary><c>(rec (type ...)*)</c>.</summary>
    private void ParseRecField()
    {
        r.Position += 2;
        var body = new ByteWriter();
        var count = 0;
        var plain = false;
        while (r.TryForm("type"))
        {
            r.TryId();
            plain = ParseSubType(body, typeSignatures.Count, inRecGroup: true);
            r.ExpectRightParen();
            count++;
        }
        r.ExpectRightParen();
        // A recursion group of one final type without supertypes is the same type as one outside any group,
        // so an implicit type use may name it.
        if (count == 1 && plain) typeReusable[^1] = true;
        typeSection.Byte(0x4E);
        typeSection.U32((uint)count);
        typeSection.Bytes(body);
        typeEntries++;
    }

    /// <summary>Parses a type definition; returns whether it is final without supertypes (what a plain one is).</summary>
    private bool ParseSubType(ByteWriter w, int typeIndex, bool inRecGroup)
    {
        if (r.TryForm("sub"))
        {
            var final = false;
            if (r.AtKeyword("final"))
            {
                r.Next();
                final = true;
            }
            var supers = new List<uint>();
            while (r.Current.Kind is TokenKind.Id or TokenKind.Number) supers.Add(types.Resolve(r));
            w.Byte(final ? 0x4F : 0x50);
            w.U32((uint)supers.Count);
            foreach (var s in supers) w.U32(s);
            ParseCompositeType(w, typeIndex);
            r.ExpectRightParen();
            var plain = final && supers.Count == 0;
            typeReusable.Add(plain && !inRecGroup);
            return plain;
        }
        ParseCompositeType(w, typeIndex);
        typeReusable.Add(!inRecGroup);
        return true;
    }

    private void ParseCompositeType(ByteWriter w, int typeIndex)
    {
        if (r.TryForm("func"))
        {
            var signature = ParseSignature(null, allowNames: true);
            r.ExpectRightParen();
            signature.Encode(w);
            typeSignatures.Add(signature);
            return;
        }
        typeSignatures.Add(null);
        if (r.TryForm("struct"))
        {
            var names = new IndexSpace("field");
            var fields = new ByteWriter();
            var count = 0;
            while (r.TryForm("field"))
            {
                var fieldToken = r.TokenAt(r.Position - 1);
                if (r.Current.Kind == TokenKind.Id)
                {
                    names.Add(r.TryId(), fieldToken);
                    ParseFieldType(fields);
                    count++;
                }
                else
                {
                    while (!r.AtRightParen)
                    {
                        names.Add(null, fieldToken);
                        ParseFieldType(fields);
                        count++;
                    }
                }
                r.ExpectRightParen();
            }
            r.ExpectRightParen();
            w.Byte(0x5F);
            w.U32((uint)count);
            w.Bytes(fields);
            fieldNames[typeIndex] = names;
            return;
        }
        if (r.TryForm("array"))
        {
            w.Byte(0x5E);
            ParseFieldType(w);
            r.ExpectRightParen();
            return;
        }
        throw r.Unexpected();
    }

    private void ParseFieldType(ByteWriter w)
    {
        var mutable = r.TryForm("mut");
        if (r.AtKeyword("i8")) { r.Next(); w.Byte(0x78); }
        else if (r.AtKeyword("i16")) { r.Next(); w.Byte(0x77); }
        else w.Bytes(ParseValueType());
        w.Byte(mutable ? 1 : 0);
        if (mutable) r.ExpectRightParen();
    }

    /// <summary>
    /// Reads <c>(param ...)* (result ...)*</c>. With <paramref name="paramNames"/>, records each parameter's
    /// id (null when unnamed) for the function's local index space.
    /// </summary>
    internal FuncSignature ParseSignature(List<(string? Id, Token Token)>? paramNames, bool allowNames)
    {
        var parameters = new List<byte[]>();
        var results = new List<byte[]>();
        while (r.AtForm("param"))
        {
            var paramToken = r.Peek();
            r.Position += 2;
            if (r.Current.Kind == TokenKind.Id)
            {
                if (!allowNames) throw r.Unexpected();
                var id = r.TryId();
                parameters.Add(ParseValueType());
                paramNames?.Add((id, paramToken));
            }
            else
            {
                while (!r.AtRightParen)
                {
                    parameters.Add(ParseValueType());
                    paramNames?.Add((null, paramToken));
                }
            }
            r.ExpectRightParen();
        }
        while (r.TryForm("result"))
        {
            while (!r.AtRightParen) results.Add(ParseValueType());
            r.ExpectRightParen();
        }
        return new FuncSignature(parameters, results);
    }

    /// <summary>
    /// Reads a type use: <c>(type x)?</c> then inline <c>(param)</c>/<c>(result)</c>. Returns the type index,
    /// appending an implicit type definition when the inline signature matches none so far.
    /// </summary>
    internal uint ParseTypeUse(List<(string? Id, Token Token)>? paramNames, out FuncSignature? signature, bool allowNames = true)
    {
        var start = r.Current;
        var explicitIndex = ParseOptionalTypeReference();
        var hasInline = r.AtForm("param") || r.AtForm("result");
        var inline = ParseSignature(paramNames, allowNames);
        if (explicitIndex is { } index)
        {
            if (hasInline && index >= typeSignatures.Count) throw r.Error(start, "unknown type");
            signature = index < typeSignatures.Count ? typeSignatures[(int)index] : null;
            if (hasInline)
            {
                if (signature != null && signature.Key != inline.Key) throw r.Error(start, "inline function type");
                signature ??= inline;
            }
            else if (signature != null && paramNames != null)
            {
                foreach (var _ in signature.Parameters) paramNames.Add((null, start));
            }
            return index;
        }
        signature = inline;
        return FindOrAddType(inline);
    }

    /// <summary>Reads <c>(type x)</c> when it comes next; null when it does not.</summary>
    private uint? ParseOptionalTypeReference()
    {
        if (!r.TryForm("type")) return null;
        var index = types.Resolve(r);
        r.ExpectRightParen();
        return index;
    }

    internal uint FindOrAddType(FuncSignature signature)
    {
        for (var i = 0; i < typeSignatures.Count; i++)
        {
            if (typeReusable[i] && typeSignatures[i]?.Key == signature.Key) return (uint)i;
        }
        typeSignatures.Add(signature);
        typeReusable.Add(true);
        signature.Encode(typeSection);
        typeEntries++;
        return (uint)(typeSignatures.Count - 1);
    }

    /// <summary>
    /// Writes a block type: the empty type or one result inline, otherwise a type index (implicitly defined
    /// when needed), as the reference assembler does.
    /// </summary>
    internal void ParseBlockType(ByteWriter w)
    {
        var start = r.Current;
        var explicitIndex = ParseOptionalTypeReference();
        var hasInline = r.AtForm("param") || r.AtForm("result");
        var inline = ParseSignature(null, allowNames: false);
        var signature = inline;
        if (explicitIndex is { } index)
        {
            var declared = index < typeSignatures.Count ? typeSignatures[(int)index] : null;
            if (hasInline && declared != null && declared.Key != inline.Key) throw r.Error(start, "inline function type");
            if (declared == null)
            {
                w.S64(index);
                return;
            }
            signature = declared;
        }
        if (signature.Parameters.Count == 0 && signature.Results.Count == 0) w.Byte(0x40);
        else if (signature.Parameters.Count == 0 && signature.Results.Count == 1) w.Bytes(signature.Results[0]);
        else w.S64(explicitIndex ?? FindOrAddType(signature));
    }
}
