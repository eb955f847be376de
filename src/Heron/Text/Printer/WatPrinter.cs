using System.Text;
using Heron.Model;

namespace Heron.Text;

/// <summary>
/// Prints a decoded module in the text format, in the layout wasm2wat users know: one field per line in
/// section order (types, imports, functions, tables, memories, tags, globals, exports, start, elements,
/// data), each item's index in a comment, <c>$ids</c> from the name section where they are valid, and
/// function bodies as flat instructions indented by block depth. Parsing the output gives back the same
/// module, up to the encoding choices the text format cannot express (LEB128 padding, segment flag
/// variants, split runs of locals), and the name and custom sections.
/// </summary>
internal static class WatPrinter
{
    // Flush to the writer after about this many characters, so printing a large module does not hold it all.
    private const int FlushThreshold = 1 << 16;

    /// <summary>The module as text.</summary>
    public static string Print(WasmModule module)
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Print(module, writer);
        return writer.ToString();
    }

    /// <summary>Writes the module as text to <paramref name="writer"/>.</summary>
    /// <exception cref="DecodeException">A function body or constant expression holds a malformed instruction.</exception>
    public static void Print(WasmModule module, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(writer);
        new Session(module, writer).Run();
    }

    /// <summary>The state of one printing: the text so far, and the module's ids.</summary>
    private sealed class Session
    {
        private readonly WasmModule module;
        private readonly TextWriter writer;
        private readonly StringBuilder text = new();
        private readonly NameResolver names;
        private readonly InstructionPrinter instructions;

        public Session(WasmModule module, TextWriter writer)
        {
            this.module = module;
            this.writer = writer;
            names = new NameResolver(module);
            instructions = new InstructionPrinter(text, module, names);
        }

        public void Run()
        {
            text.Append("(module");
            if (names.ModuleId is { } moduleId) text.Append(' ').Append(moduleId);
            text.Append('\n');
            PrintTypes();
            PrintImports();
            PrintFunctions();
            PrintTables();
            PrintMemories();
            PrintTags();
            PrintGlobals();
            PrintExports();
            if (module.Start is { } start)
            {
                text.Append("  (start");
                AppendFunction(start);
                text.Append(")\n");
            }
            PrintElements();
            PrintData();
            text.Append(")\n");
            Flush();
        }

        private void MaybeFlush()
        {
            if (text.Length >= FlushThreshold) Flush();
        }

        private void Flush()
        {
            foreach (var chunk in text.GetChunks()) writer.Write(chunk.Span);
            text.Clear();
        }

        /// <summary>Starts a field: <c>  (keyword (;index;)</c>.</summary>
        private void Open(string keyword, int index) =>
            text.Append("  (").Append(keyword).Append(" (;").Append(index).Append(";)");

        private void AppendFunction(long index)
        {
            text.Append(' ');
            if (names.Function(index) is { } id) text.Append(id);
            else text.Append(index);
        }

        private void PrintTypes()
        {
            var types = module.Types;
            for (var i = 0; i < types.Length; i++)
            {
                var type = types[i];
                var inGroup = type.RecGroupSize > 1;
                if (inGroup && type.RecGroupStart == i) text.Append("  (rec\n");
                text.Append(inGroup ? "    " : "  ").Append("(type (;").Append(i).Append(";) ");
                var sub = !type.Final || type.SuperTypes.Length > 0;
                if (sub)
                {
                    text.Append("(sub ");
                    if (type.Final) text.Append("final ");
                    foreach (var super in type.SuperTypes) text.Append(super).Append(' ');
                }
                switch (type.Kind)
                {
                    case CompositeKind.Function:
                        text.Append("(func");
                        TypePrinter.AppendSignature(text, type.FunctionType);
                        text.Append(')');
                        break;
                    case CompositeKind.Struct:
                        text.Append("(struct");
                        foreach (var field in type.Fields)
                        {
                            text.Append(" (field ");
                            TypePrinter.AppendFieldType(text, field);
                            text.Append(')');
                        }
                        text.Append(')');
                        break;
                    case CompositeKind.Array:
                        text.Append("(array ");
                        TypePrinter.AppendFieldType(text, type.Fields[0]);
                        text.Append(')');
                        break;
                }
                if (sub) text.Append(')');
                text.Append(")\n");
                if (inGroup && i == type.RecGroupStart + type.RecGroupSize - 1) text.Append("  )\n");
            }
        }

        private void PrintImports()
        {
            int functions = 0, tables = 0, memories = 0, globals = 0, tags = 0;
            foreach (var import in module.Imports)
            {
                text.Append("  (import ");
                StringEscaper.AppendName(text, import.Module);
                text.Append(' ');
                StringEscaper.AppendName(text, import.Name);
                text.Append(" (");
                switch (import.Kind)
                {
                    case ExternKind.Function:
                        text.Append("func");
                        if (names.Function(functions) is { } id) text.Append(' ').Append(id);
                        text.Append(" (;").Append(functions++).Append(";)");
                        AppendTypeUse(import.TypeIndex, null);
                        break;
                    case ExternKind.Table:
                        text.Append("table (;").Append(tables++).Append(";) ");
                        TypePrinter.AppendTableType(text, import.Table);
                        break;
                    case ExternKind.Memory:
                        text.Append("memory (;").Append(memories++).Append(";) ");
                        TypePrinter.AppendMemoryType(text, import.Memory);
                        break;
                    case ExternKind.Global:
                        text.Append("global (;").Append(globals++).Append(";) ");
                        TypePrinter.AppendGlobalType(text, import.Global);
                        break;
                    case ExternKind.Tag:
                        text.Append("tag (;").Append(tags++).Append(";)");
                        AppendTypeUse(import.TypeIndex, null);
                        break;
                }
                text.Append("))\n");
            }
        }

        /// <summary>
        /// <c> (type n)</c>, then the signature spelled out (with the parameters' ids when given) when
        /// <paramref name="typeIndex"/> is a function type: the parser checks that the two agree.
        /// </summary>
        private void AppendTypeUse(int typeIndex, string?[]? parameterIds)
        {
            text.Append(" (type ").Append(typeIndex).Append(')');
            if ((uint)typeIndex >= (uint)module.Types.Length || module.Types[typeIndex].Function is not { } signature) return;
            if (parameterIds == null)
            {
                TypePrinter.AppendSignature(text, signature);
                return;
            }
            // Named parameters each take a (param $id t) of their own; runs of unnamed ones share one.
            var open = false;
            for (var i = 0; i < signature.Parameters.Count; i++)
            {
                var id = i < parameterIds.Length ? parameterIds[i] : null;
                if (id != null)
                {
                    if (open) text.Append(')');
                    open = false;
                    text.Append(" (param ").Append(id).Append(' ');
                    TypePrinter.AppendValueType(text, signature.Parameters[i]);
                    text.Append(')');
                    continue;
                }
                text.Append(open ? " " : " (param ");
                open = true;
                TypePrinter.AppendValueType(text, signature.Parameters[i]);
            }
            if (open) text.Append(')');
            TypePrinter.AppendGroup(text, "result", signature.Results);
        }

        private void PrintFunctions()
        {
            var bodies = module.Bodies;
            var count = Math.Min(bodies.Length, module.FunctionTypeIndices.Length);
            for (var i = 0; i < count; i++)
            {
                var index = module.ImportedFunctionCount + i;
                var typeIndex = module.FunctionTypeIndices[i];
                var body = bodies[i];
                var parameterCount = (uint)typeIndex < (uint)module.Types.Length && module.Types[typeIndex].Function is { } signature
                    ? signature.Parameters.Count
                    : 0;
                var ids = names.Locals(index, parameterCount + body.LocalCount);
                text.Append("  (func");
                if (names.Function(index) is { } id) text.Append(' ').Append(id);
                text.Append(" (;").Append(index).Append(";)");
                AppendTypeUse(typeIndex, ids);
                text.Append('\n');
                PrintLocals(body, parameterCount, ids);
                instructions.PrintBody(body.Code, 2, ids);
                text.Append("  )\n");
                MaybeFlush();
            }
        }

        private void PrintLocals(FunctionBody body, int parameterCount, string?[]? ids)
        {
            if (body.Locals.Length == 0) return;
            text.Append("   ");
            long local = parameterCount;
            var open = false;
            foreach (var run in body.Locals)
            {
                for (var n = 0u; n < run.Count; n++, local++)
                {
                    var id = ids != null && local < ids.Length ? ids[local] : null;
                    if (id != null)
                    {
                        if (open) text.Append(')');
                        open = false;
                        text.Append(" (local ").Append(id).Append(' ');
                        TypePrinter.AppendValueType(text, run.Type);
                        text.Append(')');
                        continue;
                    }
                    text.Append(open ? " " : " (local ");
                    open = true;
                    TypePrinter.AppendValueType(text, run.Type);
                }
            }
            if (open) text.Append(')');
            text.Append('\n');
        }

        private void PrintTables()
        {
            for (var i = 0; i < module.Tables.Length; i++)
            {
                var table = module.Tables[i];
                Open("table", module.ImportedTableCount + i);
                text.Append(' ');
                TypePrinter.AppendTableType(text, table.Type);
                if (table.Init is { } init)
                {
                    text.Append(' ');
                    instructions.PrintConstant(init, null);
                }
                text.Append(")\n");
            }
        }

        private void PrintMemories()
        {
            for (var i = 0; i < module.Memories.Length; i++)
            {
                Open("memory", module.ImportedMemoryCount + i);
                text.Append(' ');
                TypePrinter.AppendMemoryType(text, module.Memories[i]);
                text.Append(")\n");
            }
        }

        private void PrintTags()
        {
            for (var i = 0; i < module.Tags.Length; i++)
            {
                Open("tag", module.ImportedTagCount + i);
                AppendTypeUse(module.Tags[i], null);
                text.Append(")\n");
            }
        }

        private void PrintGlobals()
        {
            for (var i = 0; i < module.Globals.Length; i++)
            {
                var global = module.Globals[i];
                Open("global", module.ImportedGlobalCount + i);
                text.Append(' ');
                TypePrinter.AppendGlobalType(text, global.Type);
                text.Append(' ');
                instructions.PrintConstant(global.Init, null);
                text.Append(")\n");
            }
        }

        private void PrintExports()
        {
            foreach (var export in module.Exports)
            {
                text.Append("  (export ");
                StringEscaper.AppendName(text, export.Name);
                text.Append(" (");
                switch (export.Kind)
                {
                    case ExternKind.Function:
                        text.Append("func");
                        AppendFunction(export.Index);
                        break;
                    case ExternKind.Table: text.Append("table ").Append(export.Index); break;
                    case ExternKind.Memory: text.Append("memory ").Append(export.Index); break;
                    case ExternKind.Global: text.Append("global ").Append(export.Index); break;
                    case ExternKind.Tag: text.Append("tag ").Append(export.Index); break;
                }
                text.Append("))\n");
            }
        }

        private void PrintElements()
        {
            for (var i = 0; i < module.Elements.Length; i++)
            {
                var segment = module.Elements[i];
                Open("elem", i);
                switch (segment.Mode)
                {
                    case SegmentMode.Active:
                        // Flags 2 and 6 name the table; the others imply table 0.
                        if ((segment.Encoding & 2) != 0) text.Append(" (table ").Append(segment.TableIndex).Append(')');
                        text.Append(' ');
                        instructions.PrintConstant(segment.Offset, "offset");
                        break;
                    case SegmentMode.Declarative:
                        text.Append(" declare");
                        break;
                }
                if (segment.FunctionIndices is { } functions)
                {
                    text.Append(" func");
                    foreach (var function in functions) AppendFunction(function);
                }
                else
                {
                    text.Append(' ');
                    TypePrinter.AppendValueType(text, segment.ElementType);
                    foreach (var item in segment.Expressions!)
                    {
                        text.Append(' ');
                        instructions.PrintConstant(item, "item");
                    }
                }
                text.Append(")\n");
                MaybeFlush();
            }
        }

        private void PrintData()
        {
            for (var i = 0; i < module.Data.Length; i++)
            {
                var segment = module.Data[i];
                Open("data", i);
                if (segment.Mode == SegmentMode.Active)
                {
                    if (segment.MemoryIndex != 0) text.Append(" (memory ").Append(segment.MemoryIndex).Append(')');
                    text.Append(' ');
                    instructions.PrintConstant(segment.Offset, "offset");
                }
                text.Append(' ');
                StringEscaper.Append(text, segment.Data.Of(module.Bytes));
                text.Append(")\n");
                MaybeFlush();
            }
        }
    }
}
