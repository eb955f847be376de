using Heron.Components.Binary;
using Heron.Components.Tests.Binary;
using Heron.Components.Text;
using Heron.Components.Validation;

namespace Heron.Components.Tests.Validation;

/// <summary>
/// Bad input gets a clear error, never a crash: components of the reference scripts with bytes changed at
/// random (fixed seed) are decoded and validated, and each either passes or raises a <see cref="WasmException"/>.
/// </summary>
public class MutatedComponentTests
{
    [Fact]
    public void ChangedBytesGiveAWasmExceptionOrAValidComponent()
    {
        var folder = SharedData.Require("component-model-tests");
        var seeds = new List<byte[]>();
        seeds.AddRange(BinaryScript.Read(Path.Combine(folder, "binary", "binary.wast")).Select(c => c.Bytes));
        foreach (var script in new[] { "validation/resources.wast", "validation/instantiation.wast", "validation/external-visibility.wast", "linking/unit.wast" })
        {
            foreach (var form in ScriptForms.TopLevel(File.ReadAllText(Path.Combine(folder, script))))
            {
                if (!form.Text.AsSpan(1).TrimStart().StartsWith("component")) continue;
                try
                {
                    seeds.Add(ComponentText.Parse(form.Text));
                }
                catch (WasmException)
                {
                    // Definitions the text format refuses (quote and binary forms) are not seeds.
                }
            }
        }
        Assert.True(seeds.Count > 100, $"only {seeds.Count} seed components");

        var random = new Random(20261205);
        var crashes = new List<string>();
        for (var i = 0; i < 4000; i++)
        {
            var bytes = (byte[])seeds[random.Next(seeds.Count)].Clone();
            var changes = 1 + random.Next(3);
            for (var c = 0; c < changes; c++)
            {
                var at = 8 + random.Next(Math.Max(1, bytes.Length - 8));
                if (at < bytes.Length) bytes[at] = (byte)random.Next(256);
            }
            try
            {
                ComponentValidator.Validate(ComponentDecoder.Decode(bytes));
            }
            catch (WasmException)
            {
            }
            catch (Exception e)
            {
                crashes.Add($"{e.GetType().Name}: {e.Message} ({Convert.ToHexString(bytes)})");
            }
        }
        Assert.True(crashes.Count == 0, $"{crashes.Count} crashes; first: " + string.Join("\n", crashes.Take(5)));
    }

    [Fact]
    public void ChangedBytesThatStillValidateInstantiateOrFailCleanly()
    {
        var folder = SharedData.Require("component-model-tests");
        var seeds = new List<byte[]>();
        foreach (var script in new[] { "linking/unit.wast", "resources/handle-table.wast", "values/strings.wast" })
            foreach (var form in ScriptForms.TopLevel(File.ReadAllText(Path.Combine(folder, script))))
            {
                if (!form.Text.AsSpan(1).TrimStart().StartsWith("component")) continue;
                try
                {
                    seeds.Add(ComponentText.Parse(form.Text.Replace("(component definition", "(component")));
                }
                catch (WasmException)
                {
                }
            }
        var random = new Random(5122026);
        var engine = new Engine();
        var crashes = new List<string>();
        var instantiated = 0;
        for (var i = 0; i < 1500; i++)
        {
            var bytes = (byte[])seeds[random.Next(seeds.Count)].Clone();
            var at = 8 + random.Next(Math.Max(1, bytes.Length - 8));
            if (at < bytes.Length) bytes[at] = (byte)random.Next(256);
            try
            {
                var component = Component.FromBytes(engine, bytes);
                new ComponentLinker(engine).Instantiate(new Store(engine), component);
                instantiated++;
            }
            catch (WasmException)
            {
            }
            catch (Exception e)
            {
                crashes.Add($"{e.GetType().Name}: {e.Message} ({Convert.ToHexString(bytes)})");
            }
        }
        Assert.True(crashes.Count == 0, $"{crashes.Count} crashes ({instantiated} instantiated); first: " + string.Join("\n", crashes.Take(5)));
    }
}
