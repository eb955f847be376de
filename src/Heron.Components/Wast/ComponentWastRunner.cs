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
        var session = new ComponentScriptSession(new Engine(new EngineConfig { Features = features }));
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
