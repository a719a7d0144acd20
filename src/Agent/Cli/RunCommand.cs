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
        var advertise = new Option<string[]>("--advertise")
        {
            Description = "Address other agents should use for this agent's responder (repeatable; default: the host's non-loopback addresses)",
            AllowMultipleArgumentsPerToken = false,
        };
        var portBase = new Option<int?>("--responder-port-base")
        {
            Description = $"Run the responder on ports N..N+5 instead of {ResponderOptions.DefaultTcpEchoPort}..{ResponderOptions.DefaultWebSocketEchoPort} (several agents on one host)",
        };
        var command = new Command("run", "Connect to the enrolled server and run the assigned checks");
        command.Options.Add(noResponder);
        command.Options.Add(advertise);
        command.Options.Add(portBase);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var advertised = new List<string>();
            foreach (var text in parse.GetValue(advertise) ?? [])
            {
                if (!IPAddress.TryParse(text.Trim('[', ']'), out var address))
                    return AgentCli.Fail($"--advertise '{text}' is not an IP address");
                advertised.Add(address.ToString());
            }
            var basePort = parse.GetValue(portBase);
            if (basePort is { } b && (b < 1 || b > 65535 - (ResponderOptions.PortCount - 1)))
                return AgentCli.Fail($"--responder-port-base {b} is out of range (1-{65535 - (ResponderOptions.PortCount - 1)})");
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
                Responder = parse.GetValue(noResponder) ? null
                    : basePort is { } n ? ResponderOptions.FromPortBase(IPAddress.IPv6Any, n) : new ResponderOptions(),
                AdvertiseAddresses = advertised.Count > 0 ? advertised : null,
            });
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
