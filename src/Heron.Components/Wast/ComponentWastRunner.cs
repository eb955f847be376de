using System.Text;
using Heron.Components.Text;
using Heron.Text;
using Heron.Wast;

namespace Heron.Components.Wast;

/// <summary>
/// Runs a component .wast script: components defined and instantiated (<c>(component ...)</c>,
/// <c>(component definition $x ...)</c>, <c>(component instance $i $x)</c>), calls of their exports with
/// component values, and the assertions. Each command passes or fails; a command the runner cannot carry out
/// fails saying so, so nothing is skipped silently.
/// </summary>
public sealed class ComponentWastRunner
{
    private readonly WasmFeatures features;

    /// <summary>A runner whose engine enables <paramref name="features"/> for the core modules inside components.</summary>
    public ComponentWastRunner(WasmFeatures features = WasmFeatures.Wasm3) => this.features = features;

    /// <summary>True when the script's commands are about components (a top-level form or an assertion's module is a <c>(component ...)</c>).</summary>
    public static bool IsComponentScript(string text)
    {
        List<Token> tokens;
        try
        {
            tokens = Lexer.Tokenize(text);
        }
        catch (TextParseException)
        {
            return false;
        }
        var depth = 0;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.LeftParen)
            {
                depth++;
                var next = tokens[i + 1];
                if (depth <= 2 && next.Kind == TokenKind.Keyword && text.AsSpan(next.Start, next.Length).SequenceEqual("component")) return true;
            }
            else if (token.Kind == TokenKind.RightParen)
            {
                depth--;
            }
        }
        return false;
    }

    /// <summary>Runs the script in <paramref name="path"/>.</summary>
    public WastScriptResult RunFile(string path) => Run(path, File.ReadAllText(path));

    /// <summary>Runs a script's text; <paramref name="file"/> names it in the results.</summary>
    public WastScriptResult Run(string file, string text)
    {
        var result = new WastScriptResult(file);
        TokenReader r;
        try
        {
            r = new TokenReader(text, Lexer.Tokenize(text));
        }
        catch (TextParseException e)
        {
            result.Failures.Add(new WastFailure(file, e.Line, "script", e.Message));
            return result;
        }
        if (ComponentScriptScope.BeforeRunning(file) is { } outside) return OutOfScope(result, outside);
        var directives = ScriptDirectives.Parse(text);
        var wasmtime = directives.WasmtimeScript || IsWasmtimeFolder(file);
        var engine = new Engine(new EngineConfig { Features = directives.Apply(features) });
        var session = new ComponentScriptSession(engine, ComponentFeaturesOf(text), wasmtime);
        while (!r.AtEnd)
        {
            var start = r.Position;
            var open = r.Current;
            var keyword = r.Peek().Kind == TokenKind.Keyword ? r.TextString(r.Peek()) : "?";
            string? failure;
            try
            {
                failure = session.Run(r);
            }
            catch (UnsupportedFeatureException e)
            {
                // Out of scope, not failed: the command (or the component it uses) needs what Heron lacks.
                SkipCommand(r, start);
                result.Skipped++;
                result.SkippedCommands.Add(ComponentScriptScope.WhileRunning(e, open.Line, keyword));
                continue;
            }
            catch (Exception e) when (e is WasmException or ArgumentException or InvalidCastException or InvalidOperationException)
            {
                failure = Describe(e);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The runner must report and continue: one broken command does not end the script.
                failure = "unexpected " + e.GetType().Name + ": " + e.Message;
            }
            SkipCommand(r, start);
            if (failure == null) result.Passed++;
            else result.Failures.Add(new WastFailure(file, open.Line, keyword, failure));
        }
        return result;
    }

    /// <summary>A script outside what Heron implements: one skipped entry with the reason, nothing passed or failed.</summary>
    private static WastScriptResult OutOfScope(WastScriptResult result, string reason)
    {
        result.Skipped++;
        result.SkippedCommands.Add("the whole script (out of scope): " + reason);
        return result;
    }

    /// <summary>A script under a folder of Wasmtime's scripts, which assume Wasmtime's runner.</summary>
    private static bool IsWasmtimeFolder(string file) =>
        Path.GetFullPath(file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[..^1]
            .Any(folder => folder.Contains("wasmtime", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The gated component features a script runs with: the default ones, less those its <c>;;!</c> lines
    /// turn off (<c>;;! component_model_implements = false</c>).
    /// </summary>
    private static ComponentFeatures ComponentFeaturesOf(string text)
    {
        var features = ComponentFeatures.Default;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty) continue;
            if (!line.StartsWith(";;")) break;
            var directive = line.ToString().TrimStart(';', '!', ' ').Replace(" ", "");
            if (directive == "component_model_implements=false") features &= ~ComponentFeatures.Implements;
            if (directive == "component_model_map=false") features &= ~ComponentFeatures.Maps;
        }
        return features;
    }

    internal static string Describe(Exception e) => e switch
    {
        TrapException trap => "trap: " + trap.Message,
        _ => e.GetType().Name + ": " + e.Message,
    };

    /// <summary>Moves past the command whose first token is at <paramref name="start"/>, wherever its run stopped.</summary>
    private static void SkipCommand(TokenReader r, int start)
    {
        r.Position = start;
        if (!r.AtLeftParen)
        {
            r.Next();
            return;
        }
        try
        {
            r.SkipForm();
        }
        catch (TextParseException)
        {
            while (!r.AtEnd) r.Next();
        }
    }

    internal static string QuotedText(TokenReader r)
    {
        var text = new StringBuilder();
        while (r.Current.Kind == TokenKind.String)
        {
            text.Append(Encoding.UTF8.GetString(r.ReadStringBytes()));
            text.Append(' ');
        }
        return text.ToString();
    }
}
