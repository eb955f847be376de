namespace Heron.Text;

/// <summary>
/// The custom annotations of the text format: <c>(@custom "name" place? "bytes"*)</c> makes a custom section
/// placed before or after a section kind (after the last section by default); <c>(@name "n")</c> names the
/// module (first thing in it) or the function or tag it follows the keyword of; and
/// <c>(@metadata.code.branch_hint "\00")</c> before an <c>if</c> or <c>br_if</c> makes an entry of the branch
/// hint section. A malformed or misplaced one is dropped, unless the parse checks them
/// (<see cref="checkAnnotations"/>), when it is a <see cref="CustomAnnotationException"/>. Other annotations
/// are ignored.
/// </summary>
internal sealed partial class ModuleParser
{
    private const string BranchHintId = "metadata.code.branch_hint";

    /// <summary>Section kinds in binary order, as custom placements name them, with their section ids.</summary>
    private static readonly (string Kind, byte Id)[] SectionOrder =
    [
        ("type", 1), ("import", 2), ("func", 3), ("table", 4), ("memory", 5), ("tag", 13), ("global", 6),
        ("export", 7), ("start", 8), ("elem", 9), ("datacount", 12), ("code", 10), ("data", 11),
    ];

    /// <summary>Forms whose first item after the keyword (and $id) may be a <c>(@name ...)</c>.</summary>
    private static readonly HashSet<string> Nameable = new(StringComparer.Ordinal)
        { "func", "tag", "type", "table", "memory", "global", "elem", "data", "local", "param", "field", "import" };

    private readonly bool checkAnnotations;

    /// <summary>Custom sections by place: "before type", "after code", "before first", "after last"; each in text order.</summary>
    private readonly Dictionary<string, List<byte[]>> customSections = [];

    /// <summary>Which function or tag a keyword token (of a field or an import) defines: for <c>@name</c>.</summary>
    private readonly Dictionary<int, (string Kind, int Index)> nameTargets = [];

    private string? annotatedModuleName;
    private readonly Dictionary<int, string> annotatedFunctionNames = [];
    private readonly Dictionary<int, string> annotatedTagNames = [];

    /// <summary>The function whose body the instruction parser is reading, or -1.</summary>
    private int currentFunction = -1;

    /// <summary>Per function index, its branch hints: instruction offsets in the body and hint values, in order.</summary>
    private readonly SortedDictionary<int, List<(int Offset, byte Hint)>> branchHints = [];
    private readonly HashSet<Annotation> usedHints = [];
    private ILookup<int, Annotation>? hintsByToken;

    /// <summary>
    /// Reads the annotations that stand between the module's fields (<paramref name="fieldTokens"/> are where
    /// the fields open, <paramref name="fieldsStart"/> where the first could, <paramref name="end"/> where the
    /// module closes) and the <c>@name</c>s; branch hints are read with the instructions they precede.
    /// </summary>
    private void ReadFieldAnnotations(HashSet<int> fieldTokens, int fieldsStart, int end, bool wrapped)
    {
        foreach (var annotation in r.Annotations)
        {
            var betweenFields = fieldTokens.Contains(annotation.TokenIndex) || annotation.TokenIndex == fieldsStart || annotation.TokenIndex == end;
            switch (annotation.Id)
            {
                case "custom":
                    Checked(annotation, () =>
                    {
                        if (!betweenFields) throw Malformed(annotation, "misplaced @custom annotation");
                        ReadCustom(annotation);
                    });
                    break;
                case "name":
                    Checked(annotation, () => ReadName(annotation, betweenFields, wrapped && annotation.TokenIndex == fieldsStart));
                    break;
            }
        }
    }

    /// <summary>After the fields: a branch hint no instruction took was not in a function body.</summary>
    private void CheckUnusedHints()
    {
        foreach (var annotation in r.Annotations)
            if (annotation.Id == BranchHintId && !usedHints.Contains(annotation))
                Checked(annotation, () => throw Malformed(annotation, "@metadata.code.branch_hint annotation: not in a function"));
    }

    private void Checked(Annotation annotation, Action read)
    {
        try
        {
            read();
        }
        catch (CustomAnnotationException) when (!checkAnnotations)
        {
            // Read as usual, a bad annotation is dropped: annotations never change what the module means.
        }
    }

    private static CustomAnnotationException Malformed(Annotation annotation, string message) =>
        new(message, annotation.Line, annotation.Column, invalid: false);

    /// <summary>The body of <paramref name="annotation"/> as tokens.</summary>
    private TokenReader Body(Annotation annotation)
    {
        var text = r.Source[annotation.BodyStart..annotation.BodyEnd];
        return new TokenReader(text, Lexer.Tokenize(text, annotation.Line, annotation.Column));
    }

    /// <summary>The UTF-8 string an annotation's body starts with (its section name, or the name it gives).</summary>
    private static string ReadString(TokenReader body, Annotation annotation, string what, string missing)
    {
        if (body.Current.Kind != TokenKind.String) throw Malformed(annotation, $"{what}: {missing}");
        try
        {
            return body.ReadName();
        }
        catch (TextParseException e)
        {
            throw Malformed(annotation, $"{what}: {e.Reason}");
        }
    }

    private void ReadCustom(Annotation annotation)
    {
        var body = Body(annotation);
        var name = ReadString(body, annotation, "@custom annotation", "missing section name");
        var place = "after last";
        if (body.AtLeftParen)
        {
            body.Next();
            var side = body.Current.Kind == TokenKind.Keyword ? body.TextString(body.Current) : "";
            if (side is not ("before" or "after")) throw Malformed(annotation, "@custom annotation: malformed placement");
            body.Next();
            var kind = body.Current.Kind == TokenKind.Keyword ? body.TextString(body.Current) : "";
            var known = side == "before" && kind == "first" || side == "after" && kind == "last" || SectionOrder.Any(s => s.Kind == kind);
            if (!known) throw Malformed(annotation, "@custom annotation: malformed section kind");
            body.Next();
            if (!body.AtRightParen) throw Malformed(annotation, "@custom annotation: malformed placement");
            body.Next();
            place = side + " " + kind;
        }
        var contents = new ByteWriter();
        while (!body.AtEnd)
        {
            if (body.Current.Kind != TokenKind.String) throw Malformed(annotation, "@custom annotation: unexpected token");
            contents.Bytes(body.ReadStringBytes());
        }
        var section = new ByteWriter();
        section.Name(name);
        section.Bytes(contents);
        if (!customSections.TryGetValue(place, out var list)) customSections[place] = list = [];
        list.Add(section.ToArray());
    }

    private void ReadName(Annotation annotation, bool betweenFields, bool moduleStart)
    {
        string Value()
        {
            var body = Body(annotation);
            var value = ReadString(body, annotation, "@name annotation", "missing name");
            if (!body.AtEnd) throw Malformed(annotation, "@name annotation: unexpected token");
            return value;
        }

        if (moduleStart)
        {
            var value = Value();
            if (annotatedModuleName != null) throw Malformed(annotation, "@name annotation: multiple module names");
            annotatedModuleName = value;
            return;
        }
        // Otherwise it must follow "(keyword" or "(keyword $id" of a form that has a name.
        var at = annotation.TokenIndex - 1;
        if (at >= 0 && r.TokenAt(at).Kind == TokenKind.Id) at--;
        var keyword = at >= 1 && r.TokenAt(at).Kind == TokenKind.Keyword && r.TokenAt(at - 1).Kind == TokenKind.LeftParen
            ? r.TextString(r.TokenAt(at)) : null;
        if (betweenFields || keyword == null || !Nameable.Contains(keyword)) throw Malformed(annotation, "misplaced @name annotation");
        var name = Value();
        if (!nameTargets.TryGetValue(at, out var target)) return; // a name the name section has no place for
        var names = target.Kind == "func" ? annotatedFunctionNames : annotatedTagNames;
        if (!names.TryAdd(target.Index, name)) throw Malformed(annotation, "@name annotation: multiple names");
    }

    /// <summary>
    /// The branch hint annotation standing before the instruction at token <paramref name="token"/>, or null;
    /// two there are malformed.
    /// </summary>
    internal Annotation? BranchHintAt(int token)
    {
        hintsByToken ??= r.Annotations.Where(a => a.Id == BranchHintId).ToLookup(a => a.TokenIndex);
        Annotation? found = null;
        foreach (var annotation in hintsByToken[token])
        {
            usedHints.Add(annotation);
            if (found != null)
            {
                Checked(annotation, () => throw Malformed(annotation, "@metadata.code.branch_hint annotation: duplicate annotation"));
                return null;
            }
            found = annotation;
        }
        return found;
    }

    /// <summary>
    /// Records <paramref name="hint"/> for the instruction at body offset <paramref name="offset"/>, whose
    /// opcode is <paramref name="target"/> (only if and br_if branch by a condition).
    /// </summary>
    internal void AddBranchHint(Annotation hint, Instructions.Opcode target, int offset) => Checked(hint, () =>
    {
        if (currentFunction < 0) throw Malformed(hint, "@metadata.code.branch_hint annotation: not in a function");
        var body = Body(hint);
        var value = body.Current.Kind == TokenKind.String ? body.ReadStringBytes() : null;
        if (value is not { Length: 1 } || value[0] > 1 || !body.AtEnd)
            throw Malformed(hint, "@metadata.code.branch_hint annotation: malformed hint");
        if (target is not (Instructions.Opcode.If or Instructions.Opcode.BrIf))
            throw new CustomAnnotationException("@metadata.code.branch_hint annotation: invalid target", hint.Line, hint.Column, invalid: true);
        if (!branchHints.TryGetValue(currentFunction, out var hints)) branchHints[currentFunction] = hints = [];
        hints.Add((offset, value[0]));
    });

    /// <summary>The custom sections placed at <paramref name="place"/> ("before type", "after last", ...).</summary>
    private void WriteCustomSections(ByteWriter output, string place)
    {
        if (!customSections.TryGetValue(place, out var sections)) return;
        foreach (var section in sections)
        {
            output.Byte(0);
            output.U32((uint)section.Length);
            output.Bytes(section);
        }
    }

    /// <summary>The branch hint section (before the code section, as the proposal asks): per function, offset, size 1, hint.</summary>
    private void WriteBranchHints(ByteWriter output)
    {
        if (branchHints.Count == 0) return;
        var section = new ByteWriter();
        section.Name(BranchHintId);
        section.U32((uint)branchHints.Count);
        foreach (var (function, hints) in branchHints)
        {
            section.U32((uint)function);
            section.U32((uint)hints.Count);
            foreach (var (offset, hint) in hints.OrderBy(h => h.Offset))
            {
                section.U32((uint)offset);
                section.U32(1);
                section.Byte(hint);
            }
        }
        output.Byte(0);
        output.Sized(section);
    }
}
