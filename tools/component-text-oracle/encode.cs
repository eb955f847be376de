#:project ../../src/Heron.Components/Heron.Components.csproj
#:property TreatWarningsAsErrors=false
#:property GenerateDocumentationFile=false

// Writes every text (component ...) form of the given .wast scripts (top-level ones, and those inside
// assert_invalid / assert_unlinkable / assert_trap, which are well-formed) to OUT/N.wat, with Heron's
// encoding in OUT/N.heron.wasm (or the error in OUT/N.heron.err), for compare.mjs to check against jco.
using System.Text;
using Heron.Components.Text;

var output = args[0];
Directory.CreateDirectory(output);
var count = 0;
foreach (var file in args.Skip(1))
{
    var text = File.ReadAllText(file);
    foreach (var (start, end, line, column) in ComponentForms(text))
    {
        var form = WithoutDefinitionKeyword(text[start..end]);
        var name = Path.Combine(output, (count++).ToString("D5"));
        File.WriteAllText(name + ".wat", form);
        File.WriteAllText(name + ".where", $"{file}:{line}:{column}");
        try
        {
            File.WriteAllBytes(name + ".heron.wasm", ComponentText.Parse(form));
        }
        catch (Exception e) when (e is Heron.WasmException)
        {
            File.WriteAllText(name + ".heron.err", e.Message);
        }
    }
}
Console.WriteLine($"{count} component forms");

// "(component definition ...)" is a script's form, not the text format's: blanked for both encoders.
static string WithoutDefinitionKeyword(string form)
{
    var at = form.IndexOf("definition", StringComparison.Ordinal);
    var head = form[1..].TrimStart()["component".Length..].TrimStart();
    return head.StartsWith("definition") ? form[..at] + new string(' ', "definition".Length) + form[(at + "definition".Length)..] : form;
}

// The (component ...) forms a script holds at top level or as the module of an assertion that expects a
// well-formed component; a small scanner that knows strings and comments.
static IEnumerable<(int Start, int End, int Line, int Column)> ComponentForms(string text)
{
    var depth = 0;
    var line = 1;
    var lineStart = 0;
    var stack = new List<(int Start, string Head)>();
    for (var i = 0; i < text.Length; i++)
    {
        var c = text[i];
        if (c == '\n') { line++; lineStart = i + 1; continue; }
        if (c == ';' && i + 1 < text.Length && text[i + 1] == ';') { while (i < text.Length && text[i] != '\n') i++; i--; continue; }
        if (c == '(' && i + 1 < text.Length && text[i + 1] == ';')
        {
            var nest = 1;
            for (i += 2; i < text.Length && nest > 0; i++)
            {
                if (text[i] == '\n') { line++; lineStart = i + 1; }
                if (text[i] == '(' && i + 1 < text.Length && text[i + 1] == ';') { nest++; i++; }
                else if (text[i] == ';' && i + 1 < text.Length && text[i + 1] == ')') { nest--; i++; }
            }
            i--;
            continue;
        }
        if (c == '"')
        {
            for (i++; i < text.Length && text[i] != '"'; i++) if (text[i] == '\\') i++;
            continue;
        }
        if (c == '(')
        {
            var j = i + 1;
            while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
            var k = j;
            while (k < text.Length && !char.IsWhiteSpace(text[k]) && text[k] != '(' && text[k] != ')') k++;
            stack.Add((i, text[j..k]));
            if (stack.Count == 1 || stack.Count == 2)
            {
                // remember the column for a form that may be yielded
            }
            depth++;
            _ = lineStart;
            continue;
        }
        if (c == ')' && stack.Count > 0)
        {
            var (start, head) = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            depth--;
            var parent = stack.Count == 1 ? stack[0].Head : null;
            var candidate = head == "component" && (stack.Count == 0 || parent is "assert_invalid" or "assert_unlinkable" or "assert_trap");
            if (!candidate) continue;
            var form = text[start..(i + 1)];
            var words = form[1..].TrimStart()["component".Length..].TrimStart();
            if (words.StartsWith("definition")) words = words["definition".Length..].TrimStart();
            if (words.StartsWith('$')) words = words[Math.Max(0, words.IndexOfAny([' ', '\n', '\t', '(', ')']))..].TrimStart();
            if (words.StartsWith("binary") || words.StartsWith("quote") || words.StartsWith("instance")) continue;
            var formLine = 1 + text[..start].Count(ch => ch == '\n');
            yield return (start, i + 1, formLine, 1);
        }
    }
}
