using System.CommandLine;
using Linkwatch.Agent.Cli;

// Kept minimal: the run, enroll and responder verbs join this root command.
var root = new RootCommand("linkwatch-agent")
{
    CheckCommand.Create(),
};
return root.Parse(args).Invoke();
