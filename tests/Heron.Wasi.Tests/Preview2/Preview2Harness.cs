using Heron.Components;

namespace Heron.Wasi.Tests.Preview2;

/// <summary>
/// WASI 0.2 defined in a component linker over a temporary preopened directory, with the host functions
/// called directly (as a component's lowered imports would, with arguments already lifted).
/// </summary>
internal sealed class Preview2Harness : IDisposable
{
    public Preview2Harness(Action<WasiConfiguration>? configure = null, bool readOnly = false)
    {
        Root = Directory.CreateTempSubdirectory("heron-wasip2-").FullName;
        Sandbox = Directory.CreateDirectory(Path.Combine(Root, "sandbox")).FullName;
        var configuration = new WasiConfiguration()
            .WithStandardInput(StandardInput)
            .WithStandardOutput(StandardOutput)
            .WithStandardError(StandardError)
            .PreopenDirectory(Sandbox, "/", readOnly);
        configure?.Invoke(configuration);
        Context = configuration.Build();
        Linker = WasiPreview2.AddToLinker(new ComponentLinker(new Engine()), Context);
    }

    public string Root { get; }
    public string Sandbox { get; }
    public WasiContext Context { get; }
    public ComponentLinker Linker { get; }
    public MemoryStream StandardInput { get; } = new();
    public MemoryStream StandardOutput { get; } = new();
    public MemoryStream StandardError { get; } = new();

    /// <summary>Calls <paramref name="function"/> of the interface <paramref name="instance"/> (named at any 0.2 version).</summary>
    public ComponentValue? Call(string instance, string function, params ComponentValue[] arguments)
    {
        var found = Linker.Root.Find(instance) as ComponentLinkerInstance
            ?? throw new InvalidOperationException($"{instance} is not defined");
        var handler = found.Find(function) as HostFunctionHandler
            ?? throw new InvalidOperationException($"{instance} defines no function {function}");
        return handler(arguments);
    }

    /// <summary>Calls a function that returns a value.</summary>
    public ComponentValue Get(string instance, string function, params ComponentValue[] arguments) =>
        Call(instance, function, arguments) ?? throw new InvalidOperationException($"{function} returned nothing");

    /// <summary>The payload of an <c>ok</c> result; fails the test on <c>err</c>.</summary>
    public ComponentValue? Ok(string instance, string function, params ComponentValue[] arguments)
    {
        var result = Get(instance, function, arguments);
        Assert.True(result.Label == "ok", $"{function} failed: {result}");
        return result.Payload;
    }

    /// <summary>The error of an <c>err</c> result; fails the test on <c>ok</c>.</summary>
    public ComponentValue Error(string instance, string function, params ComponentValue[] arguments)
    {
        var result = Get(instance, function, arguments);
        Assert.True(result.Label == "error", $"{function} succeeded: {result}");
        return result.Payload!;
    }

    /// <summary>A borrow of the resource an owned handle refers to, as a guest would pass it to a method.</summary>
    public static ComponentValue Borrow(ComponentValue owned)
    {
        var handle = owned.AsResource();
        return ComponentValue.Resource(new ResourceHandle(handle.Type, handle.Representation, isBorrow: true));
    }

    /// <summary>The preopened root directory's descriptor, borrowed.</summary>
    public ComponentValue RootDirectory()
    {
        var list = Get("wasi:filesystem/preopens@0.2.3", "get-directories").AsList();
        Assert.Equal("/", list[0].AsList()[1].AsString());
        return Borrow(list[0].AsList()[0]);
    }

    public static ComponentValue Bytes(string text) => ComponentValue.Bytes(System.Text.Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        Context.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
