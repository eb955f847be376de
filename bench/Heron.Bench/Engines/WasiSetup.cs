namespace Heron.Bench.Engines;

/// <summary>
/// The WASI environment every engine gives a program, so both run the very same command: argv holds only
/// the program's file name, <see cref="Directory"/> is preopened as <c>.</c> and is the working directory,
/// stdin is empty, and stdout and stderr go to <see cref="Output"/>.
/// </summary>
internal sealed record WasiSetup(string ProgramName, string Directory, OutputCapture Output);
