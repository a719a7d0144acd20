using System.CommandLine;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.State;
using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent.Cli;

/// <summary><c>linkwatch-agent run</c>: the worker, with the server and credential stored by <c>enroll</c>.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var noResponder = new Option<bool>("--no-responder") { Description = "Do not run the responder that other agents test against" };
        var command = new Command("run", "Connect to the enrolled server and run the assigned checks");
        command.Options.Add(noResponder);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataDirectory = DataDirectory.Resolve(parse.GetValue(AgentCli.DataDir));
            AgentCredentials? credentials;
            try
            {
                credentials = AgentCredentials.Load(dataDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
            {
                return AgentCli.Fail($"cannot read {Path.Combine(dataDirectory, AgentCredentials.FileName)}: {ex.Message}", AgentCli.Failed);
            }
            if (credentials is null)
                return AgentCli.Fail($"not enrolled (no {AgentCredentials.FileName} in {dataDirectory}): run 'linkwatch-agent enroll --server URL --token TOKEN' first", AgentCli.Failed);

            using var host = AgentHost.Build(new AgentRuntimeOptions
            {
                DataDirectory = dataDirectory,
                Credentials = credentials,
                Responder = parse.GetValue(noResponder) ? null : new ResponderOptions(),
            });
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
