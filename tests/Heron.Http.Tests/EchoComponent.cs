namespace Heron.Http.Tests;

/// <summary>Components/echo.wat, compiled once per engine configuration the tests use.</summary>
internal static class EchoComponent
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Components", "echo.wat");

    public static WasiHttpHandler Handler(WasiHttpOptions? options = null) => WasiHttpHandler.FromFile(Path, options);
}
