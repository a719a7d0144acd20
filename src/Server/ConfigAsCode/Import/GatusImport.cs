using System.Globalization;
using System.Text.Json;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds.Push;
using static Linkwatch.Server.ConfigAsCode.Import.ConfigBuilder;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Translates a Gatus <c>config.yaml</c> (its <c>endpoints</c>, <c>external-endpoints</c> and <c>alerting</c>) into
/// Linkwatch config-as-code YAML. Pure: no database, no network.
/// </summary>
public static class GatusImport
{
    private const string What = "a Gatus configuration";
    /// <summary>Gatus' defaults: an endpoint runs every minute; an alert opens after 3 failures and resolves after 2 successes.</summary>
    private const int DefaultIntervalSeconds = 60;
    private const int DefaultFailureThreshold = 3;
    private const int DefaultSuccessThreshold = 2;

    public static ImportResult Translate(string configYaml)
    {
        ImportLimits.CheckInput(configYaml, What);
        var root = SourceYaml.Load(configYaml, What) ?? throw new ImportFormatException($"the file is empty: not {What}");
        if (root is not SourceMap config)
            throw new ImportFormatException($"the file's top level is not a mapping with endpoints: not {What}");
        var endpoints = List(config, "endpoints");
        var external = List(config, "external-endpoints");
        if (endpoints is null && external is null)
            throw new ImportFormatException($"endpoints is missing: not {What}");
        ImportLimits.CheckCount((endpoints?.Items.Count ?? 0) + (external?.Items.Count ?? 0), "endpoints", "endpoints");
        if (config["alerting"] is { } alertingNode and not SourceMap && !(alertingNode is SourceScalar { IsNull: true }))
            throw new ImportFormatException($"alerting is not a mapping: not {What}");

        var builder = new ConfigBuilder();
        var alerting = new GatusAlerting(builder, config.Map("alerting"));
        for (var i = 0; i < (endpoints?.Items.Count ?? 0); i++)
            Endpoint(builder, alerting, endpoints!.Items[i], "endpoints", i);
        for (var i = 0; i < (external?.Items.Count ?? 0); i++)
            ExternalEndpoint(builder, alerting, external!.Items[i], i);
        alerting.NoteUnused();
        foreach (var section in new[] { "suites", "maintenance" })
            if (config[section] is SourceMap or SourceList)
                builder.Note(section, section == "suites"
                    ? "suites are not translated: Linkwatch checks run on their own"
                    : "maintenance is not translated: create a maintenance window (POST /api/maintenance-windows) with the same schedule");
        return builder.Build();
    }

    private static SourceList? List(SourceMap config, string key) => config[key] switch
    {
        null or SourceScalar { IsNull: true } => null,
        SourceList list => list,
        _ => throw new ImportFormatException($"{key} is not a list: not {What}"),
    };

    private static void Endpoint(ConfigBuilder builder, GatusAlerting alerting, SourceNode node, string list, int i)
    {
        var e = node as SourceMap;
        var item = Item(list, i, e?.String("name"));
        if (e is null)
        {
            builder.Note(item, "not an endpoint mapping; skipped");
            return;
        }
        var url = e.Text("url");
        var dns = e.Map("dns");
        var scheme = url?.IndexOf("://", StringComparison.Ordinal) is > 0 and var at ? url[..at].ToLowerInvariant() : null;
        var rest = scheme is null ? url : url![(scheme.Length + 3)..];
        var authority = rest is null ? null : rest[..(rest.IndexOfAny(['/', '?', '#']) is >= 0 and var end ? end : rest.Length)];
        string? kind = dns is not null ? CheckKinds.Dns : scheme switch
        {
            "http" or "https" => CheckKinds.Http,
            "tcp" => CheckKinds.Tcp,
            "udp" => CheckKinds.Udp,
            "icmp" => CheckKinds.Icmp,
            "tls" => CheckKinds.Tls,
            "ws" or "wss" => CheckKinds.WebSocket,
            "grpc" or "grpcs" => CheckKinds.Grpc,
            _ => null,
        };
        if (kind is null)
        {
            builder.Note(item, url is null ? "it has no url; not imported"
                : scheme is "starttls" ? "STARTTLS endpoints are not translated: a Linkwatch tls check speaks TLS from the first byte (use a tcp check for the port)"
                : scheme is null ? "its url has no scheme (http://, tcp://, icmp://, ...) and it has no dns section; not imported"
                : $"{ImportChecks.Shown(scheme)}:// endpoints have no Linkwatch check kind; not imported");
            return;
        }
        var target = kind switch
        {
            CheckKinds.Http or CheckKinds.WebSocket => url,
            CheckKinds.Dns => dns!.Text("query-name")?.TrimEnd('.'),
            CheckKinds.Icmp => IcmpHost(authority),
            _ => authority,
        };
        if (!ImportChecks.CheckTarget(builder, item, kind, target))
            return;
        var usesTls = scheme is "https" or "wss" or "tls" or "grpcs";

        var options = new YamlMap();
        var client = e.Map("client");
        switch (kind)
        {
            case CheckKinds.Http:
                HttpRequest(builder, item, e, options);
                break;
            case CheckKinds.Udp or CheckKinds.WebSocket:
                options.Add("payload", e.Text("body"));
                break;
            case CheckKinds.Grpc:
                if (scheme == "grpc")
                    options.Add("plaintext", true);
                break;
            case CheckKinds.Dns:
                if (!DnsOptions(builder, item, dns!, scheme is null ? url : rest, options))
                    return;
                break;
            default:
                if (e.Text("body") is not null)
                    builder.Note(item, $"body is not translated: a {kind} check sends nothing");
                break;
        }
        if (usesTls && client?.Bool("insecure") == true)
            options.Add("insecure", true);
        if (kind == CheckKinds.Http && client?.Bool("ignore-redirect") == true)
            options.Add("followRedirects", false);
        if (kind is CheckKinds.Http or CheckKinds.WebSocket && client?.Text("proxy-url") is { } proxy)
        {
            if (proxy.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !proxy.Contains('@', StringComparison.Ordinal))
                options.Add("proxy", proxy);
            else
                builder.Note(item, "client.proxy-url is not translated: options.proxy takes an http:// proxy without credentials");
        }

        var conditions = new GatusConditions(builder, item, kind, usesTls);
        if (e.List("conditions") is { } given)
            foreach (var condition in given.Items)
                if (condition is SourceScalar { IsNull: false } text)
                    conditions.Add(text.Value);
        conditions.Finish(options);
        if (kind == CheckKinds.WebSocket && options.Contains("payload") && !options.Contains("expect"))
        {
            // A websocket payload needs an expectation; without a [BODY] condition Gatus only opens the connection too.
            options.Remove("payload");
            builder.Note(item, "body is not translated: without a [BODY] condition the websocket check only opens the connection");
        }

        var interval = Interval(builder, item, e.String("interval"));
        var timeout = ImportChecks.Timeout(SourceFields.Duration(client?.String("timeout"))?.TotalSeconds, interval);
        NoteClient(builder, item, client);
        NoteUnsupported(builder, item, e);

        var name = builder.UniqueName(ObjectKind.Check, e.Text("name"), $"endpoint {i}", item);
        var check = ImportChecks.NewCheck(name, kind, target, interval, timeout, e.Bool("enabled") != false);
        if (CheckKinds.TakesFamily(kind) && client?.Text("network") is { } network)
        {
            if (network.EndsWith('4'))
                check.Add("family", Families.Ipv4);
            else if (network.EndsWith('6'))
                check.Add("family", Families.Ipv6);
        }
        ImportChecks.Finish(check, options, Labels(builder, item, e));
        ImportChecks.Validate(builder, item, check);
        builder.AddCheck(check);
        Alerts(builder, alerting, item, e, name);
    }

    private static string? IcmpHost(string? authority)
    {
        if (authority is null)
            return null;
        if (authority.StartsWith('[') && authority.IndexOf(']') is > 0 and var close)
            return authority[1..close];
        return authority.Count(c => c == ':') == 1 ? authority[..authority.IndexOf(':')] : authority;
    }

    private static void HttpRequest(ConfigBuilder builder, string item, SourceMap e, YamlMap options)
    {
        if (e.Text("method")?.ToUpperInvariant() is { } method && method != "GET")
            options.Add("method", method);
        var headers = new YamlMap();
        if (e.Map("headers") is { } given)
            foreach (var (key, value) in given.Entries)
            {
                if (ImportChecks.ReservedHeaders.Contains(key))
                    builder.Note(item, $"header {ImportChecks.Shown(key)} is set by the agent and not imported{(key.Equals("Host", StringComparison.OrdinalIgnoreCase) ? " (options.sni sets the TLS name and Host)" : "")}");
                else if (value is SourceScalar { IsNull: false } text)
                    headers.Add(key, text.Value);
            }
        var body = e.String("body");
        if (e.Bool("graphql") == true && body is not null)
        {
            body = JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = body });
            if (!headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                headers.Add("Content-Type", "application/json");
        }
        if (headers.Count > 0)
            options.Add("headers", headers);
        if (!string.IsNullOrEmpty(body))
        {
            options.Add("body", body);
            if (body.Contains("[RANDOM_STRING_", StringComparison.Ordinal) || body.Contains("[ENDPOINT_", StringComparison.Ordinal)
                || body.Contains("[LOCAL_ADDRESS]", StringComparison.Ordinal))
                builder.Note(item, "the body uses Gatus placeholders ([ENDPOINT_NAME], [RANDOM_STRING_N], ...), which Linkwatch sends as written");
        }
    }

    private static bool DnsOptions(ConfigBuilder builder, string item, SourceMap dns, string? server, YamlMap options)
    {
        var type = dns.Text("query-type")?.ToUpperInvariant() ?? "A";
        if (!ImportChecks.DnsTypes.Contains(type))
        {
            builder.Note(item, $"not imported: DNS record type {ImportChecks.Shown(type)} is not one a dns check asks for ({string.Join(", ", ImportChecks.DnsTypes)})");
            return false;
        }
        if (server is not null)
        {
            var address = ImportChecks.DnsServer(server.TrimEnd('/'), null);
            if (address is null)
                builder.Note(item, $"DNS server \"{ImportChecks.Shown(server)}\" is not an IP address; the agent's first nameserver is used instead");
            options.Add("server", address);
        }
        options.Add("type", type);
        return true;
    }

    private static int Interval(ConfigBuilder builder, string item, string? text)
    {
        if (text is null)
            return DefaultIntervalSeconds;
        if (SourceFields.Duration(text) is not { } duration)
        {
            builder.Note(item, $"interval \"{ImportChecks.Shown(text)}\" is not a duration; Gatus' default of 60 s is used");
            return DefaultIntervalSeconds;
        }
        return ImportChecks.Interval(builder, item, duration.TotalSeconds, DefaultIntervalSeconds);
    }

    private static YamlMap Labels(ConfigBuilder builder, string item, SourceMap e)
    {
        var labels = new YamlMap();
        if (e.Text("group") is { } group)
            ImportChecks.AddLabel(builder, item, labels, "group", group);
        if (e.Map("extra-labels") is { } extra)
            foreach (var (key, value) in extra.Entries)
                ImportChecks.AddLabel(builder, item, labels, key, (value as SourceScalar)?.Value);
        return labels;
    }

    private static void NoteClient(ConfigBuilder builder, string item, SourceMap? client)
    {
        if (client is null)
            return;
        var known = new HashSet<string> { "timeout", "insecure", "ignore-redirect", "proxy-url", "network" };
        var others = client.Entries.Select(e => e.Key).Where(k => !known.Contains(k)).ToList();
        if (others.Count > 0)
            builder.Note(item, $"client settings not translated: {string.Join(", ", others.Select(ImportChecks.Shown))}");
    }

    private static void NoteUnsupported(ConfigBuilder builder, string item, SourceMap e)
    {
        var others = new[] { "maintenance-windows", "ui", "ssh", "store", "always-run" }.Where(k => e[k] is SourceMap or SourceList or SourceScalar { IsNull: false }).ToList();
        if (others.Count > 0)
            builder.Note(item, $"no Linkwatch equivalent, not translated: {string.Join(", ", others)}");
    }

    private static void Alerts(ConfigBuilder builder, GatusAlerting alerting, string item, SourceMap e, string checkName)
    {
        if (e.List("alerts") is not { } alerts)
            return;
        for (var a = 0; a < alerts.Items.Count; a++)
        {
            var alertItem = string.Create(CultureInfo.InvariantCulture, $"{item} alerts[{a}]");
            if (alerts.Items[a] is not SourceMap alert || alert.Text("type")?.ToLowerInvariant() is not { } type)
            {
                builder.Note(alertItem, "an alert without a type; not imported");
                continue;
            }
            var defaults = alerting.DefaultAlert(type);
            if ((alert.Bool("enabled") ?? defaults?.Bool("enabled")) == false)
            {
                builder.Note(alertItem, "disabled in Gatus; no alert rule");
                continue;
            }
            if (alerting.ChannelFor(type) is not { } channel)
            {
                builder.Note(alertItem, $"no alert rule: provider {ImportChecks.Shown(type)} did not become a channel (see alerting.{ImportChecks.Shown(type)})");
                continue;
            }
            if (alert.Map("provider-override") is { Entries.Count: > 0 })
                builder.Note(alertItem, "provider-override is not translated: the rule uses the provider's channel");
            var rule = new YamlMap();
            rule.Add("name", builder.UniqueName(ObjectKind.AlertRule, $"{checkName} down ({type})", "alert rule", alertItem));
            rule.Add("check", checkName);
            rule.Add("openAfterFailures", Threshold(alert, defaults, "failure-threshold", DefaultFailureThreshold));
            rule.Add("resolveAfterSuccesses", Threshold(alert, defaults, "success-threshold", DefaultSuccessThreshold));
            var reminder = SourceFields.Duration(alert.String("minimum-reminder-interval") ?? defaults?.String("minimum-reminder-interval"));
            if (reminder is { TotalMinutes: > 0 } every)
                rule.Add("reminderMinutes", (int)Math.Min(Math.Ceiling(every.TotalMinutes), 525600));
            rule.Add("channels", new List<string> { channel });
            builder.AddRule(rule);
        }
    }

    private static int Threshold(SourceMap alert, SourceMap? defaults, string key, int fallback) =>
        Math.Clamp(alert.Int(key) ?? defaults?.Int(key) ?? fallback, 1, 1000);

    private static void ExternalEndpoint(ConfigBuilder builder, GatusAlerting alerting, SourceNode node, int i)
    {
        var e = node as SourceMap;
        var item = Item("external-endpoints", i, e?.String("name"));
        if (e is null)
        {
            builder.Note(item, "not an external endpoint mapping; skipped");
            return;
        }
        var heartbeat = SourceFields.Duration(e.Map("heartbeat")?.String("interval"));
        var interval = heartbeat is { TotalSeconds: > 0 } every
            ? ImportChecks.Interval(builder, item, every.TotalSeconds, DefaultIntervalSeconds)
            : DefaultIntervalSeconds;
        if (heartbeat is not { TotalSeconds: > 0 })
            builder.Note(item, "it has no heartbeat interval; the push check expects a push every 60 s (change intervalSeconds to how often the job reports)");
        builder.Note(item, "imported as a push check: Linkwatch issues a new push URL (on the check's page and as pushUrl in GET /api/checks/{id}); point the job at it instead of Gatus' external endpoint API");
        var name = builder.UniqueName(ObjectKind.Check, e.Text("name"), $"external endpoint {i}", item);
        var check = ImportChecks.NewCheck(name, CheckKinds.Push, null, interval, null, e.Bool("enabled") != false);
        var options = new YamlMap();
        options.Add("graceSeconds", PushOptions.DefaultGraceSeconds);
        ImportChecks.Finish(check, options, Labels(builder, item, e));
        builder.AddCheck(check);
        Alerts(builder, alerting, item, e, name);
    }
}
