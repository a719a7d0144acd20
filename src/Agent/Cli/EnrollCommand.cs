using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Agent.Link;
using Linkwatch.Agent.Net;
using Linkwatch.Agent.State;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Cli;

/// <summary><c>linkwatch-agent enroll</c>: registers with a server and stores its URL and this agent's credential.</summary>
public static partial class EnrollCommand
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "The server's base URL, http:// or https://", Required = true };
        var token = new Option<string>("--token") { Description = "The enrollment token", Required = true };
        var name = new Option<string?>("--name") { Description = "This agent's name (default: the host name)" };
        var labels = new Option<string[]>("--label") { Description = "A label k=v; repeat for more" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM file with the CA of a self-signed server" };
        var fingerprint = new Option<string?>("--server-fingerprint") { Description = "SHA-256 fingerprint of the server's certificate, pinned" };
        var command = new Command("enroll", "Register this agent with a server");
        command.Options.Add(server);
        command.Options.Add(token);
        command.Options.Add(name);
        command.Options.Add(labels);
        command.Options.Add(caFile);
        command.Options.Add(fingerprint);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var serverUrl = parse.GetValue(server)!;
            if (!Uri.TryCreate(serverUrl, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("http" or "https"))
                return AgentCli.Fail($"--server '{serverUrl}' must be an http:// or https:// URL");
            var agentName = parse.GetValue(name) ?? System.Net.Dns.GetHostName();
            if (!AgentNames.IsValid(agentName))
                return AgentCli.Fail($"--name '{agentName}' must be {AgentNames.Rule}");
            var labelMap = new Dictionary<string, string>();
            foreach (var label in parse.GetValue(labels) ?? [])
            {
                var equals = label.IndexOf('=');
                if (equals <= 0)
                    return AgentCli.Fail($"--label '{label}' must be key=value");
                labelMap[label[..equals]] = label[(equals + 1)..];
            }
            var ca = parse.GetValue(caFile);
            if (ca is not null && !File.Exists(ca))
                return AgentCli.Fail($"--ca-file '{ca}' does not exist");
            var pinned = parse.GetValue(fingerprint);
            if (pinned is not null)
            {
                try
                {
                    pinned = ServerTrust.NormalizeFingerprint(pinned);
                }
                catch (FormatException ex)
                {
                    return AgentCli.Fail($"--server-fingerprint: {ex.Message}");
                }
            }
            var dataDirectory = DataDirectory.Resolve(parse.GetValue(AgentCli.DataDir));

            var baseUrl = serverUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var draft = new AgentCredentials { Server = baseUrl, Name = agentName, Credential = "", CaFile = ca is null ? null : Path.GetFullPath(ca), ServerFingerprint = pinned };
            var handler = HttpHandlers.CreateForServer();
            ServerTrust.Apply(handler, draft);
            using var http = new HttpClient(handler) { Timeout = RequestTimeout };
            using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + HubPaths.Enroll)
            {
                Content = JsonContent.Create(new EnrollRequest { Name = agentName, Labels = labelMap, Version = ServerLink.AgentVersion },
                    LinkwatchJsonContext.Default.EnrollRequest),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", parse.GetValue(token));
            EnrollResponse? enrolled;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    return AgentCli.Fail($"{baseUrl} refused the enrollment token", AgentCli.Failed);
                if (!response.IsSuccessStatusCode)
                    return AgentCli.Fail($"{baseUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(await response.Content.ReadAsStringAsync(cancellationToken))}", AgentCli.Failed);
                enrolled = await response.Content.ReadFromJsonAsync(LinkwatchJsonContext.Default.EnrollResponse, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                return AgentCli.Fail($"cannot enroll with {baseUrl}: {ex.Message}", AgentCli.Failed);
            }
            if (enrolled is null || string.IsNullOrEmpty(enrolled.Credential))
                return AgentCli.Fail($"{baseUrl} sent an empty enrollment answer", AgentCli.Failed);

            (draft with { Name = enrolled.Name, Credential = enrolled.Credential }).Save(dataDirectory);
            Console.WriteLine($"Enrolled as '{enrolled.Name}' with {baseUrl} (state in {dataDirectory}). Start the agent with: linkwatch-agent run");
            return 0;
        });
        return command;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text.ReplaceLineEndings(" ") : text[..200].ReplaceLineEndings(" ") + "...";
}
