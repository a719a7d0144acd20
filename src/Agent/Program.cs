using Linkwatch.Agent.Cli;

return await AgentCli.InvokeAsync(args);
