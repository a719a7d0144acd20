using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Agent.Link;
using Linkwatch.Agent.State;

namespace Linkwatch.Agent.Cli;

/// <summary><c>linkwatch-agent enroll</c>: registers with a server and stores its URL and this agent's credential.</summary>
public static class EnrollCommand
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly Option<string> ServerOption = new("--server") { Description = "The server's base URL, http:// or https://", Required = true };
    private static readonly Option<string> TokenOption = new("--token") { Description = "The enrollment token", Required = true };
    private static readonly Option<string?> NameOption = new("--name") { Description = "This agent's name (default: the host name)" };
    private static readonly Option<string[]> LabelOption = new("--label") { Description = "A label k=v; repeat for more" };
    private static readonly Option<string?> CaFileOption = new("--ca-file") { Description = "PEM file with the CA of a self-signed server" };
    private static readonly Option<string?> FingerprintOption = new("--server-fingerprint") { Description = "SHA-256 fingerprint of the server's certificate, pinned" };
    private static readonly Option<string?> ProxyOption = new("--proxy") { Description = "HTTP proxy (http://host:port) for the link to the server; default HTTPS_PROXY" };

    public static Command Create()
    {
        var command = new Command("enroll", "Register this agent with a server");
        foreach (var option in new Option[] { ServerOption, TokenOption, NameOption, LabelOption, CaFileOption, FingerprintOption, ProxyOption })
            command.Options.Add(option);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!TryRead(parse, out var draft, out var labels, out var bad))
            return AgentCli.Fail(bad);
        var dataDirectory = DataDirectory.Resolve(parse.GetValue(AgentCli.DataDir));
        var baseUrl = draft.Server;
        var handler = HttpHandlers.CreateForServer();
        ServerTrust.Apply(handler, draft);
        LinkProxy.Apply(handler, draft.Server, draft.Proxy);
        using var http = new HttpClient(handler) { Timeout = RequestTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + HubPaths.Enroll)
        {
            Content = JsonContent.Create(new EnrollRequest { Name = draft.Name, Labels = labels, Version = ServerLink.AgentVersion },
                LinkwatchJsonContext.Default.EnrollRequest),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", parse.GetValue(TokenOption));
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
    }

    /// <summary>The flags as credentials without a credential yet, or the one line that says what is wrong with them (exit 3).</summary>
    private static bool TryRead(ParseResult parse, [NotNullWhen(true)] out AgentCredentials? draft,
        out Dictionary<string, string> labels, [NotNullWhen(false)] out string? error)
    {
        draft = null;
        labels = [];
        var serverUrl = parse.GetValue(ServerOption)!;
        var agentName = parse.GetValue(NameOption) ?? System.Net.Dns.GetHostName();
        var ca = parse.GetValue(CaFileOption);
        var pinned = parse.GetValue(FingerprintOption);
        var proxy = parse.GetValue(ProxyOption);
        error = !Uri.TryCreate(serverUrl, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("http" or "https")
            ? $"--server '{serverUrl}' must be an http:// or https:// URL"
            : !AgentNames.IsValid(agentName) ? $"--name '{agentName}' must be {AgentNames.Rule}"
            : ReadLabels(parse.GetValue(LabelOption) ?? [], labels)
            ?? (ca is not null && !File.Exists(ca) ? $"--ca-file '{ca}' does not exist" : null)
            ?? (proxy is not null && !LinkProxy.Parse(proxy, out _, out var proxyError) ? $"--proxy {proxyError}" : null);
        if (error is null && pinned is not null)
        {
            try
            {
                pinned = ServerTrust.NormalizeFingerprint(pinned);
            }
            catch (FormatException ex)
            {
                error = $"--server-fingerprint: {ex.Message}";
            }
        }
        if (error is not null)
            return false;
        draft = new AgentCredentials
        {
            Server = serverUri!.GetLeftPart(UriPartial.Path).TrimEnd('/'),
            Name = agentName,
            Credential = "",
            CaFile = ca is null ? null : Path.GetFullPath(ca),
            ServerFingerprint = pinned,
            Proxy = proxy,
        };
        return true;
    }

    private static string? ReadLabels(string[] given, Dictionary<string, string> labels)
    {
        foreach (var label in given)
        {
            var equals = label.IndexOf('=');
            if (equals <= 0)
                return $"--label '{label}' must be key=value";
            labels[label[..equals]] = label[(equals + 1)..];
        }
        return null;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text.ReplaceLineEndings(" ") : text[..200].ReplaceLineEndings(" ") + "...";
}
