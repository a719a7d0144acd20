namespace Linkwatch.TestSupport;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"$ {CommandLine}\nexit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
