using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Heron.Bindgen.Tests;

/// <summary>What running the generator over some WIT and C# gave.</summary>
internal sealed record GeneratorRun(
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompileErrors,
    string Generated,
    Microsoft.CodeAnalysis.Compilation Output)
{
    /// <summary>Compiles the output and calls <c>public static string Program.Run()</c> in it.</summary>
    public string Execute()
    {
        Assert.Empty(GeneratorDiagnostics);
        Assert.Empty(CompileErrors);
        using var image = new MemoryStream();
        var emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("bindings", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            var run = assembly.GetType("Program")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            try
            {
                return (string)run.Invoke(null, null)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
        finally
        {
            context.Unload();
        }
    }
}

/// <summary>
/// Drives <see cref="WitBindingsGenerator"/> the way the compiler does: .wit files as additional texts, C# with a
/// [WitWorld] class as the compilation, against the real Heron assemblies so the generated code is compiled too.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Engine).Assembly.Location);
        paths.Add(typeof(Heron.Components.ComponentLinker).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public static GeneratorRun Run(string csharp, params (string Path, string Text)[] wit)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Bindings" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(csharp, parse, path: "Program.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var texts = wit.Select(w => (AdditionalText)new MemoryText(w.Path, w.Text)).ToImmutableArray();
        var driver = CSharpGeneratorDriver.Create([new WitBindingsGenerator().AsSourceGenerator()], texts, parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = string.Join("\n", output.SyntaxTrees.Skip(1).Select(t => t.ToString()));
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed).ToImmutableArray();
        return new GeneratorRun(diagnostics, errors, generated, output);
    }

    /// <summary>A sample from the Samples folder, as an additional text under a stable path.</summary>
    public static (string, string) Sample(string name) =>
        ("/samples/" + name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name)));

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
