namespace Heron.Cli;

/// <summary>The entry point of the <c>heron</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        Console.WriteLine(ValueType.I32);
        return 0;
    }
}
