using System.Diagnostics;
using Heron;

// Compile cost of Heron on given modules, in CPU time (less sensitive than wall time to the other
// loads of a shared machine): IL generation alone, then IL generation plus the ahead JIT.
var runs = 3;
foreach (var path in args)
{
    var bytes = File.ReadAllBytes(path);
    foreach (var ahead in new[] { false, true })
    {
        var engine = new Engine(new EngineConfig { CompileAhead = ahead });
        var cpu = new List<double>();
        var wall = new List<double>();
        var jit = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var c0 = process.TotalProcessorTime;
            var j0 = System.Runtime.JitInfo.GetCompilationTime();
            var sw = Stopwatch.StartNew();
            Module.FromBytes(engine, bytes);
            wall.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - c0).TotalMilliseconds);
            jit.Add((System.Runtime.JitInfo.GetCompilationTime() - j0).TotalMilliseconds);
        }
        cpu.Sort(); wall.Sort(); jit.Sort();
        Console.WriteLine($"{Path.GetFileName(path),-20} ahead={ahead,-5} wall {wall[runs / 2],8:F1} ms  cpu {cpu[runs / 2],8:F1} ms  jit {jit[runs / 2],8:F1} ms");
    }
}
