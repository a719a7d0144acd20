using System.CommandLine;

namespace Linkwatch.Agent.Cli;

/// <summary>The <c>linkwatch-agent</c> command line: verbs, shared options, and exit codes for bad input.</summary>
public static class AgentCli
{
    /// <summary>Exit code for bad input, as Nagios/Icinga plugins use for UNKNOWN.</summary>
    public const int BadInput = 3;
    /// <summary>Exit code of a verb that could not do its job (server unreachable, not enrolled).</summary>
    public const int Failed = 1;

    /// <summary>Where a verb keeps its state; any verb accepts it.</summary>
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "State directory (default: $LINKWATCH_AGENT_DATA, /var/lib/linkwatch-agent for root, else ~/.local/share/linkwatch-agent)",
        Recursive = true,
    };

    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Linkwatch agent: runs connectivity checks and streams results to a Linkwatch server.");
        root.Options.Add(DataDir);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(EnrollCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ResponderCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; a parse error is one line on stderr and exit code 3, never a usage dump.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = CreateRootCommand().Parse(args);
        // A verb whose action owns its parse errors (check) reports them in its own words.
        if (parse.Errors.Count > 0 && parse.CommandResult.Command.Action is not { ClearsParseErrors: true })
        {
            await Console.Error.WriteLineAsync("linkwatch-agent: " + parse.Errors[0].Message);
            return BadInput;
        }
        return await parse.InvokeAsync();
    }

    /// <summary>Writes one error line and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode = BadInput)
    {
        Console.Error.WriteLine("linkwatch-agent: " + message);
        return exitCode;
    }
}
