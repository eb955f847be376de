using Heron.Tests.Cli;

namespace Heron.Tests.Controls;

public sealed class CliControlTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("heron-controls-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Forever() => Write("forever.wat", """
        (module (memory (export "memory") 1)
          (func (export "_start") (loop (br 0))))
        """);

    [Fact]
    public void Fuel_stops_an_infinite_loop()
    {
        var result = HeronProcess.Run(folder, "run", "-W", "fuel=100000", Forever());
        Assert.Equal(134, result.ExitCode);
        Assert.Contains("all fuel consumed by WebAssembly", result.Error);
    }

    [Fact]
    public void A_timeout_stops_an_infinite_loop()
    {
        var result = HeronProcess.Run(folder, "run", "-W", "timeout=200ms", Forever());
        Assert.Equal(134, result.ExitCode);
        Assert.Contains("interrupt", result.Error);
    }

    [Fact]
    public void Enough_fuel_and_time_let_a_program_finish()
    {
        var file = Write("quick.wat", """
            (module (memory (export "memory") 1) (func (export "_start") (drop (i32.add (i32.const 1) (i32.const 2)))))
            """);
        Assert.Equal(0, HeronProcess.Run(folder, "run", "-W", "fuel=1000", "-W", "timeout=60s", file).ExitCode);
    }

    [Fact]
    public void The_memory_limit_fails_growth_and_instantiation()
    {
        var grow = Write("grow.wat", """
            (module (memory (export "memory") 1)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """);
        var result = HeronProcess.Run(folder, "run", "-W", "max-memory-size=131072", "--invoke", "grow", grow, "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("-1\n", result.Output);
        result = HeronProcess.Run(folder, "run", "-W", "max-memory-size=131072", "--invoke", "grow", grow, "1");
        Assert.Equal("1\n", result.Output);
        var big = Write("big.wat", "(module (memory 3) (func (export \"_start\")))");
        result = HeronProcess.Run(folder, "run", "-W", "max-memory-size=131072", big);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("resource limit exceeded", result.Error);
    }
}
