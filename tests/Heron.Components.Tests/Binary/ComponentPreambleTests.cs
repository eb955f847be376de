using Heron.Components.Binary;

namespace Heron.Components.Tests.Binary;

public class ComponentPreambleTests
{
    [Fact]
    public void EveryFixtureIsRecognisedAsAComponent()
    {
        var folder = SharedData.Require("component-fixtures");
        var files = Directory.GetFiles(folder, "*.wasm");
        Assert.NotEmpty(files);
        foreach (var file in files) Assert.True(ComponentPreamble.IsComponent(File.ReadAllBytes(file)), file);
    }

    [Fact]
    public void ACoreModuleIsNotAComponent()
    {
        byte[] module = [0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0];
        Assert.False(ComponentPreamble.IsComponent(module));
        Assert.False(ComponentPreamble.IsComponent(module.AsSpan(0, 4)));
    }
}
