using System.CommandLine;
using Linkwatch.Agent.Responder;
using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent.Cli;

/// <summary><c>linkwatch-agent responder [--listen ADDR]</c>: only the responder, no server connection.</summary>
public static class ResponderCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "Address to listen on (default: all addresses, both families)" };
        var command = new Command("responder", "Run only the responder that other agents test against");
        command.Options.Add(listen);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(listen);
            var address = IPAddress.IPv6Any;
            if (text is not null && !IPAddress.TryParse(text.Trim('[', ']'), out address))
                return AgentCli.Fail($"--listen '{text}' is not an IP address");
            using var host = AgentHost.BuildResponder(new ResponderOptions { Address = address! });
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
