using System.Globalization;
using System.Text.Json;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds;
using Linkwatch.Shared.Kinds.Push;
using static Linkwatch.Server.ConfigAsCode.Import.ConfigBuilder;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Translates an Uptime Kuma backup (Settings &gt; Backup &gt; Export, the JSON of versions 1.x:
/// <c>{"version", "notificationList", "monitorList"}</c>) into Linkwatch config-as-code YAML. Pure: no database, no network.
/// </summary>
public static class UptimeKumaImport
{
    private const string What = "an Uptime Kuma backup";
    /// <summary>Uptime Kuma's default interval.</summary>
    private const int DefaultIntervalSeconds = 60;
    /// <summary>Uptime Kuma's ping sends this many data bytes unless told otherwise (as ping(8) does).</summary>
    private const int DefaultPacketSize = 56;

    public static ImportResult Translate(string backupJson)
    {
        ImportLimits.CheckInput(backupJson, What);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(backupJson, new JsonDocumentOptions { MaxDepth = ImportLimits.MaxDepth });
        }
        catch (JsonException e)
        {
            throw new ImportFormatException($"the file is not valid JSON ({e.Message}): not {What}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ImportFormatException($"the file holds a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object with monitorList: not {What}");
            if (root.Field("monitorList") is not { } monitors)
                throw new ImportFormatException($"monitorList is missing: not {What}");
            if (monitors.ValueKind != JsonValueKind.Array)
                throw new ImportFormatException($"monitorList is not a list: not {What}");
            ImportLimits.CheckCount(monitors.GetArrayLength(), "monitorList", "monitors");
            var notifications = root.Field("notificationList");
            if (notifications is { ValueKind: not JsonValueKind.Array })
                throw new ImportFormatException($"notificationList is not a list: not {What}");
            ImportLimits.CheckCount(notifications?.GetArrayLength() ?? 0, "notificationList", "notifications");

            var builder = new ConfigBuilder();
            var channels = TranslateNotifications(builder, notifications);
            TranslateMonitors(builder, monitors, channels);
            return builder.Build();
        }
    }

    private static Dictionary<string, string> TranslateNotifications(ConfigBuilder builder, JsonElement? list)
    {
        var channelById = new Dictionary<string, string>(StringComparer.Ordinal);
        if (list is not { } notifications)
            return channelById;
        var index = 0;
        foreach (var notification in notifications.EnumerateArray())
        {
            var i = index++;
            var item = Item("notificationList", i, notification.String("name"));
            if (notification.ValueKind != JsonValueKind.Object)
            {
                builder.Note(item, "not a notification object; skipped");
                continue;
            }
            var config = notification.Object("config", out var malformed);
            if (config is null)
            {
                builder.Note(item, malformed ? "its config is not a JSON object; not imported" : "it has no config; not imported");
                continue;
            }
            var type = config.Value.Text("type") ?? notification.Text("type");
            var name = UniqueName(builder, notification, config.Value, item);
            var channel = type is null ? null : Channel(builder, item, name, type.ToLowerInvariant(), config.Value);
            if (channel is null)
            {
                if (type is null || !KnownTypes.Contains(type.ToLowerInvariant()))
                    builder.Note(item, $"notification type \"{Shown(type ?? "(none)")}\" has no Linkwatch channel type; not imported (an apprise channel reaches many more services)");
                continue;
            }
            builder.AddChannel(channel);
            if (notification.Text("id") is { } id)
                channelById[id] = name;
        }
        return channelById;
    }

    private static string UniqueName(ConfigBuilder builder, JsonElement notification, JsonElement config, string item) =>
        builder.UniqueName(ObjectKind.Channel, notification.Text("name") ?? config.Text("name"),
            "notification " + (notification.Text("id") ?? "?"), item);

    private static readonly HashSet<string> KnownTypes =
        ["webhook", "slack", "discord", "teams", "telegram", "ntfy", "gotify", "pagerduty", "smtp", "apprise"];

    /// <summary>The channel for one notification, or null (with a note) when its fields do not map.</summary>
    private static YamlMap? Channel(ConfigBuilder builder, string item, string name, string type, JsonElement c)
    {
        switch (type)
        {
            case "webhook":
            {
                if (c.Text("webhookURL") is not { } url)
                    return Missing(builder, item, "webhookURL");
                var contentType = c.Text("webhookContentType") ?? "json";
                if (contentType != "json")
                    builder.Note(item, $"webhook content type \"{Shown(contentType)}\" is not translated: Linkwatch sends its JSON payload (a webhook template can shape the body; its placeholders are listed in docs/alerts.md)");
                if (c.Text("webhookAdditionalHeaders") is not null)
                    builder.Note(item, "webhookAdditionalHeaders are not translated: Linkwatch webhooks send no extra headers (use the optional secret for an HMAC signature)");
                return ImportChannels.New(builder, item, name, "webhook", ("url", url));
            }
            case "slack":
                if (c.Text("slackwebhookURL") is null)
                    return Missing(builder, item, "slackwebhookURL");
                NoteIgnored(builder, item, c, "slackchannel", "slackusername", "slackiconemo");
                return ImportChannels.New(builder, item, name, "slack", ("url", "secret"));
            case "discord":
                if (c.Text("discordWebhookUrl") is null)
                    return Missing(builder, item, "discordWebhookUrl");
                NoteIgnored(builder, item, c, "discordUsername", "discordPrefixMessage");
                return ImportChannels.New(builder, item, name, "discord", ("url", "secret"));
            case "teams":
                if (c.Text("webhookUrl") is null)
                    return Missing(builder, item, "webhookUrl");
                return ImportChannels.New(builder, item, name, "teams", ("url", "secret"));
            case "telegram":
            {
                if (c.Text("telegramBotToken") is null)
                    return Missing(builder, item, "telegramBotToken");
                if (c.Text("telegramChatID") is not { } chat)
                    return Missing(builder, item, "telegramChatID");
                NoteIgnored(builder, item, c, "telegramMessageThreadID");
                var server = c.Text("telegramServerUrl")?.TrimEnd('/');
                return ImportChannels.New(builder, item, name, "telegram",
                    ("botToken", "secret"), ("chatId", chat), ("apiBaseUrl", server is null or "https://api.telegram.org" ? null : server));
            }
            case "ntfy":
            {
                if (c.Text("ntfytopic") is not { } topic)
                    return Missing(builder, item, "ntfytopic");
                var method = c.Text("ntfyAuthenticationMethod");
                var token = method == "accessToken" && c.Text("ntfyaccesstoken") is not null;
                if (method == "usernamePassword" || (method is null && c.Text("ntfyusername") is not null))
                    builder.Note(item, "ntfy user name and password are not translated: Linkwatch's ntfy channel signs in with an access token (settings.token)");
                var server = c.Text("ntfyserverurl")?.TrimEnd('/');
                return ImportChannels.New(builder, item, name, "ntfy", ("server", server), ("topic", topic),
                    ("priority", Priority(c.Int("ntfyPriority"), 1, 5)), ("token", token ? "secret" : null));
            }
            case "gotify":
                if (c.Text("gotifyserverurl") is not { } gotify)
                    return Missing(builder, item, "gotifyserverurl");
                if (c.Text("gotifyapplicationToken") is null)
                    return Missing(builder, item, "gotifyapplicationToken");
                return ImportChannels.New(builder, item, name, "gotify",
                    ("server", gotify.TrimEnd('/')), ("appToken", "secret"), ("priority", c.Int("gotifyPriority")));
            case "pagerduty":
            {
                if (c.Text("pagerdutyIntegrationKey") is null)
                    return Missing(builder, item, "pagerdutyIntegrationKey");
                // Kuma posts to the full enqueue URL; Linkwatch takes the API's base and adds /v2/enqueue itself.
                var url = c.Text("pagerdutyIntegrationUrl")?.TrimEnd('/');
                if (url is not null && url.EndsWith("/v2/enqueue", StringComparison.OrdinalIgnoreCase))
                    url = url[..^"/v2/enqueue".Length];
                var severity = c.Text("pagerdutyPriority")?.ToLowerInvariant() ?? "warning";
                if (severity is not ("critical" or "error" or "warning" or "info"))
                {
                    builder.Note(item, $"PagerDuty priority \"{Shown(severity)}\" is not a severity Linkwatch knows; warning is used");
                    severity = "warning";
                }
                return ImportChannels.New(builder, item, name, "pagerduty", ("routingKey", "secret"), ("severity", severity),
                    ("apiBaseUrl", url is null || url.Equals("https://events.pagerduty.com", StringComparison.OrdinalIgnoreCase) ? null : url));
            }
            case "smtp":
                return Email(builder, item, name, c);
            case "apprise":
                if (c.Text("appriseURL") is null)
                    return Missing(builder, item, "appriseURL");
                return ImportChannels.New(builder, item, name, "apprise", ("urls", "secret"));
            default:
                return null;
        }
    }

    private static YamlMap? Email(ConfigBuilder builder, string item, string name, JsonElement c)
    {
        if (c.Text("smtpHost") is not { } host)
            return Missing(builder, item, "smtpHost");
        var to = new List<string>();
        foreach (var field in new[] { "smtpTo", "smtpCC", "smtpBCC" })
            to.AddRange((c.Text(field) ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (to.Count == 0)
            return Missing(builder, item, "smtpTo");
        if (c.Text("smtpCC") is not null || c.Text("smtpBCC") is not null)
            builder.Note(item, "CC and BCC recipients became ordinary recipients (settings.to)");
        var username = c.Text("smtpUsername");
        var hasPassword = c.Text("smtpPassword") is not null;
        // nodemailer's secure=true is TLS from the first byte; otherwise it upgrades with STARTTLS, which Linkwatch requires.
        var security = c.Bool("smtpSecure") == true ? "tls" : c.Bool("smtpIgnoreSTARTTLS") == true && username is null ? "none" : "starttls";
        if (c.Bool("smtpIgnoreTLSError") == true)
            builder.Note(item, "smtpIgnoreTLSError is not translated: Linkwatch checks the relay's certificate; pin it with settings.trustCertificateFingerprint or trust its CA with settings.caFile");
        if (username is not null && !hasPassword)
            builder.Note(item, "a user name without a password is not translated; set settings.username and settings.password together");
        NoteIgnored(builder, item, c, "customSubject", "customBody", "smtpDkimDomain");
        var credentials = username is not null && hasPassword;
        return ImportChannels.New(builder, item, name, "email", ("host", host), ("port", c.Int("smtpPort")), ("security", security),
            ("username", credentials ? username : null), ("password", credentials ? "secret" : null),
            ("from", c.Text("smtpFrom")), ("to", to.Count == 1 ? to[0] : to));
    }

    private static int? Priority(int? value, int min, int max) => value is { } p && p >= min && p <= max ? p : null;

    private static YamlMap? Missing(ConfigBuilder builder, string item, string field)
    {
        builder.Note(item, $"{field} is missing or empty; not imported");
        return null;
    }

    private static void NoteIgnored(ConfigBuilder builder, string item, JsonElement config, params string[] fields)
    {
        var given = fields.Where(f => config.Text(f) is not null).ToList();
        if (given.Count > 0)
            builder.Note(item, $"no Linkwatch equivalent, not translated: {string.Join(", ", given)}");
    }

    private static void TranslateMonitors(ConfigBuilder builder, JsonElement monitors, Dictionary<string, string> channelById)
    {
        // Group monitors are not checks; their members carry the group's name as a label instead.
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var monitor in monitors.EnumerateArray())
            if (monitor.Text("type") == "group" && monitor.Text("id") is { } id && monitor.Text("name") is { } groupName)
                groups[id] = groupName;

        var index = 0;
        foreach (var monitor in monitors.EnumerateArray())
        {
            var i = index++;
            var item = Item("monitorList", i, monitor.String("name"));
            if (monitor.ValueKind != JsonValueKind.Object)
            {
                builder.Note(item, "not a monitor object; skipped");
                continue;
            }
            var check = Monitor(builder, item, monitor, groups, out var unsupported);
            if (check is null)
                continue;
            builder.AddCheck(check.Value.Check);
            if (unsupported.Count > 0)
                builder.Note(item, $"no Linkwatch equivalent, not translated: {string.Join("; ", unsupported)}");
            Rule(builder, item, monitor, check.Value.Name, channelById);
        }
    }

    private static (YamlMap Check, string Name)? Monitor(ConfigBuilder builder, string item, JsonElement m,
        Dictionary<string, string> groups, out List<string> unsupported)
    {
        unsupported = [];
        var type = m.Text("type")?.ToLowerInvariant();
        var kind = type switch
        {
            "http" or "keyword" or "json-query" => CheckKinds.Http,
            "port" => CheckKinds.Tcp,
            "ping" => CheckKinds.Icmp,
            "dns" => CheckKinds.Dns,
            "push" => CheckKinds.Push,
            "websocket-upgrade" => CheckKinds.WebSocket,
            _ => null,
        };
        if (kind is null)
        {
            builder.Note(item, type == "group"
                ? "group monitors have no Linkwatch equivalent; its members carry the label group with its name"
                : $"monitor type \"{Shown(type ?? "(none)")}\" has no Linkwatch check kind; not imported");
            return null;
        }

        var target = kind switch
        {
            CheckKinds.Http or CheckKinds.WebSocket => m.Text("url"),
            CheckKinds.Tcp => m.Text("hostname") is { } host && m.Int("port") is { } port ? HostPort(host, port) : null,
            CheckKinds.Icmp or CheckKinds.Dns => m.Text("hostname"),
            _ => null,
        };
        if (kind != CheckKinds.Push && !ImportChecks.CheckTarget(builder, item, kind, target))
            return null;

        var options = new YamlMap();
        if (kind == CheckKinds.Dns && !DnsOptions(builder, item, m, options, unsupported))
            return null;
        var name = builder.UniqueName(ObjectKind.Check, m.Text("name"), "monitor " + (m.Text("id") ?? "?"), item);
        switch (kind)
        {
            case CheckKinds.Http:
                HttpOptions(builder, item, m, type!, name, options, unsupported);
                break;
            case CheckKinds.WebSocket:
                if (m.Bool("ignoreTls") == true)
                    options.Add("insecure", true);
                break;
            case CheckKinds.Icmp:
                if (m.Int("ping_count") is { } count and >= 1 and <= 100 && count != Linkwatch.Shared.Kinds.Icmp.IcmpOptions.DefaultCount)
                    options.Add("count", count);
                if (m.Int("packetSize") is { } size && size != DefaultPacketSize)
                    unsupported.Add(string.Create(CultureInfo.InvariantCulture, $"packetSize {size} (Linkwatch sends the standard echo size)"));
                break;
            case CheckKinds.Push:
                options.Add("graceSeconds", PushOptions.DefaultGraceSeconds);
                builder.Note(item, "push URL changes: Linkwatch issues a new push URL for this check (on its page and in GET /api/checks/{id} as pushUrl); point the monitored job at it, the Uptime Kuma URL stops counting");
                break;
        }

        var interval = ImportChecks.Interval(builder, item, m.Number("interval"), DefaultIntervalSeconds);
        var timeout = ImportChecks.Timeout(m.Number("timeout"), interval);
        var enabled = m.Bool("active") != false;
        if (m.Bool("upsideDown") == true)
        {
            enabled = false;
            builder.Note(item, "upside down mode (up when the service fails) has no Linkwatch equivalent: imported paused (enabled: false) so it does not alert the wrong way round; adjust it before enabling");
        }
        CollectUnsupported(m, kind, unsupported);

        var check = ImportChecks.NewCheck(name, kind, kind == CheckKinds.Push ? null : target, interval, timeout, enabled);
        if (m.Text("ipFamily")?.ToLowerInvariant() is "ipv4" or "ipv6" && CheckKinds.TakesFamily(kind))
            check.Add("family", m.Text("ipFamily")!.ToLowerInvariant());
        var labels = new YamlMap();
        if (m.Field("tags") is { ValueKind: JsonValueKind.Array } tags)
            foreach (var tag in tags.EnumerateArray())
                ImportChecks.AddLabel(builder, item, labels, tag.Text("name"), tag.String("value"));
        if (m.Text("parent") is { } parent && groups.TryGetValue(parent, out var groupName))
            ImportChecks.AddLabel(builder, item, labels, "group", groupName);
        ImportChecks.Finish(check, options, labels);
        ImportChecks.Validate(builder, item, check);
        return (check, name);
    }

    private static void HttpOptions(ConfigBuilder builder, string item, JsonElement m, string type, string name, YamlMap options, List<string> unsupported)
    {
        if (m.Text("method")?.ToUpperInvariant() is { } method && method != "GET")
            options.Add("method", method);
        var headers = new YamlMap();
        if (m.Object("headers", out var badHeaders) is { } given)
        {
            foreach (var header in given.EnumerateObject())
            {
                if (ImportChecks.ReservedHeaders.Contains(header.Name))
                    builder.Note(item, $"header {Shown(header.Name)} is set by the agent and not imported{(header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase) ? " (options.sni sets the TLS name and Host)" : "")}");
                else if (header.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
                    headers.Add(header.Name, header.Value.AsText());
            }
        }
        else if (badHeaders)
            builder.Note(item, "headers are not a JSON object; not imported");
        if (m.String("body") is { Length: > 0 } body)
        {
            var encoding = m.Text("httpBodyEncoding")?.ToLowerInvariant() ?? "json";
            if (!headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                var contentType = encoding switch { "json" => "application/json", "form" => "application/x-www-form-urlencoded", "xml" => "text/xml; charset=utf-8", _ => null };
                if (contentType is not null)
                    headers.Add("Content-Type", contentType);
            }
            options.Add("headers", headers.Count > 0 ? headers : null);
            options.Add("body", body);
        }
        else
            options.Add("headers", headers.Count > 0 ? headers : null);

        var authMethod = m.Text("authMethod")?.ToLowerInvariant();
        if (authMethod is null or "basic" && m.Text("basic_auth_user") is not null)
            options.Add("basicAuth", builder.SecretReference("CHECK_" + name, "basicAuth", item,
                "the monitor's basic authentication (USER:PASS, its user name and password joined by a colon)"));
        else if (authMethod is "bearer" or null && m.Text("bearer_token") is not null)
            options.Add("bearer", builder.SecretReference("CHECK_" + name, "bearer", item, "the monitor's bearer token"));
        else if (authMethod is not (null or "none" or "basic" or "bearer"))
            unsupported.Add($"authMethod {Shown(authMethod)}");

        if (m.Bool("ignoreTls") == true)
            options.Add("insecure", true);
        if (m.Int("maxredirects") is { } redirects)
        {
            if (redirects == 0)
                options.Add("followRedirects", false);
            else if (redirects != Linkwatch.Shared.Kinds.Http.HttpOptions.MaxRedirects)
                unsupported.Add(string.Create(CultureInfo.InvariantCulture, $"maxredirects {redirects} (Linkwatch follows up to {Linkwatch.Shared.Kinds.Http.HttpOptions.MaxRedirects})"));
        }
        if (m.Field("accepted_statuscodes") is { ValueKind: JsonValueKind.Array } codes)
        {
            var list = string.Join(",", codes.EnumerateArray().Select(c => c.AsText().Trim()).Where(c => c.Length > 0));
            string? error = null;
            if (list.Length > 0 && StatusRanges.TryParse(list, out _, out error))
                options.Add("expectStatus", list);
            else if (list.Length > 0)
                builder.Note(item, $"accepted status codes \"{Shown(list)}\" are not translated ({error}); Linkwatch then accepts any 200-399");
        }
        switch (type)
        {
            case "keyword":
                if (m.String("keyword") is not { Length: > 0 } keyword)
                {
                    builder.Note(item, "keyword monitor without a keyword: imported as a plain http check");
                    break;
                }
                options.Add(m.Bool("invertKeyword") == true ? "rejectBody" : "expectBody", keyword);
                break;
            case "json-query":
                JsonQuery(builder, item, m, options);
                break;
        }
    }

    private static void JsonQuery(ConfigBuilder builder, string item, JsonElement m, YamlMap options)
    {
        var path = m.Text("jsonPath");
        var op = m.Text("jsonPathOperator") ?? "==";
        var expected = m.Field("expectedValue")?.AsText().Trim();
        if (path is null || expected is null)
        {
            builder.Note(item, "json-query without a JSON query or expected value: imported as a plain http check");
            return;
        }
        if (path.StartsWith("$.", StringComparison.Ordinal))
            path = path[2..];
        if (!ImportChecks.IsSimpleJsonPath(path) || op is not ("==" or "!=" or "<" or "<=" or ">" or ">=" or "contains"))
        {
            builder.Note(item, $"JSON query \"{Shown(m.Text("jsonPath")!)}\" {Shown(op)} \"{Shown(expected)}\" is not translated: Linkwatch's expectJson takes a path like a.b[0].c (no JSONata expressions); add options.expectJson by hand");
            return;
        }
        if (op is "<" or "<=" or ">" or ">=" && !double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            builder.Note(item, $"JSON query {Shown(path)} {op} \"{Shown(expected)}\" is not translated: Linkwatch compares numbers only with {op}");
            return;
        }
        options.Add("expectJson", new List<string> { $"{path} {op} {expected}" });
        builder.Note(item, "JSON query translated to options.expectJson: Uptime Kuma compares the value as text, Linkwatch as JSON (a number 3 matches 3, a string \"3\" does not); check the condition against a real response");
    }

    private static bool DnsOptions(ConfigBuilder builder, string item, JsonElement m, YamlMap options, List<string> unsupported)
    {
        var type = m.Text("dns_resolve_type")?.ToUpperInvariant() ?? "A";
        if (!ImportChecks.DnsTypes.Contains(type))
        {
            builder.Note(item, $"not imported: DNS record type {Shown(type)} is not one a dns check asks for ({string.Join(", ", ImportChecks.DnsTypes)})");
            return false;
        }
        var servers = (m.Text("dns_resolve_server") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (servers.Length > 0)
        {
            var server = ImportChecks.DnsServer(servers[0], m.Int("dns_resolve_port"));
            if (server is null)
                builder.Note(item, $"DNS server \"{Shown(servers[0])}\" is not an IP address; the agent's first nameserver is used instead");
            options.Add("server", server);
            if (servers.Length > 1)
                unsupported.Add("more than one DNS server (the first is asked; add a check per server)");
        }
        options.Add("type", type);
        if (m.Field("conditions") is { ValueKind: JsonValueKind.Array } conditions && conditions.GetArrayLength() > 0)
            unsupported.Add("DNS conditions (options.expect takes one expected answer)");
        return true;
    }

    private static void CollectUnsupported(JsonElement m, string kind, List<string> unsupported)
    {
        var interval = m.Number("interval") ?? DefaultIntervalSeconds;
        if (m.Number("retryInterval") is { } retry && retry != interval)
            unsupported.Add(string.Create(CultureInfo.InvariantCulture, $"retryInterval {retry} s (Linkwatch checks at the interval, also while failing)"));
        if (m.Text("proxyId") is not null && kind == CheckKinds.Http)
            unsupported.Add("proxyId (set options.proxy to the proxy's http:// URL)");
        if (m.Text("description") is not null)
            unsupported.Add("description");
        if (m.Bool("expiryNotification") == true && kind == CheckKinds.Http)
            unsupported.Add("expiryNotification (Linkwatch reports an https certificate ending within 14 days as cert_expiring; options.expiryWarningDays changes it)");
    }

    private static void Rule(ConfigBuilder builder, string item, JsonElement monitor, string checkName, Dictionary<string, string> channelById)
    {
        if (monitor.Field("notificationIDList") is not { ValueKind: JsonValueKind.Object } ids)
            return;
        var channels = new List<string>();
        foreach (var entry in ids.EnumerateObject())
        {
            if (entry.Value.ValueKind is JsonValueKind.False or JsonValueKind.Null || (entry.Value.ValueKind == JsonValueKind.Number && entry.Value.GetRawText() == "0"))
                continue;
            if (channelById.TryGetValue(entry.Name, out var channel))
            {
                if (!channels.Contains(channel))
                    channels.Add(channel);
            }
            else
                builder.Note(item, $"notification {Shown(entry.Name)} was not imported (see its note, or it is not in the backup); the alert rule does not name it");
        }
        if (channels.Count == 0)
            return;
        var rule = new YamlMap();
        rule.Add("name", builder.UniqueName(ObjectKind.AlertRule, checkName + " down", "alert rule", item));
        rule.Add("check", checkName);
        // Kuma retries maxretries times before it calls a monitor down and notifies, and notifies again on the first up.
        rule.Add("openAfterFailures", Math.Max(1, Math.Min(monitor.Int("maxretries") ?? 0, 1000) + 1));
        rule.Add("resolveAfterSuccesses", 1);
        if (monitor.Int("resendInterval") is { } resend and > 0)
        {
            var interval = Math.Max(1, monitor.Number("interval") ?? DefaultIntervalSeconds);
            rule.Add("reminderMinutes", (int)Math.Min(Math.Ceiling(resend * interval / 60), 525600));
        }
        rule.Add("channels", channels);
        builder.AddRule(rule);
    }

    private static string HostPort(string host, int port) => ImportChecks.HostPort(host, port);

    private static string Shown(string text) => ImportChecks.Shown(text);
}
