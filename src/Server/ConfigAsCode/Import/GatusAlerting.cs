using static Linkwatch.Server.ConfigAsCode.Import.ConfigBuilder;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// The channels for a Gatus file's <c>alerting</c> providers: one per provider that an endpoint's alert uses, made
/// when first used, named after the provider.
/// </summary>
internal sealed class GatusAlerting(ConfigBuilder builder, SourceMap? alerting)
{
    private readonly Dictionary<string, string?> _channels = new(StringComparer.Ordinal);

    /// <summary>The channel of provider <paramref name="type"/>, or null (with a note, once) when it cannot be made.</summary>
    public string? ChannelFor(string type)
    {
        if (_channels.TryGetValue(type, out var known))
            return known;
        var item = "alerting." + type;
        var config = alerting?.Map(type);
        string? name = null;
        if (config is null)
            builder.Note(item, "alerts use this provider, but the file does not configure it (Gatus ignores such alerts too); no channel");
        else if (Channel(item, type, config) is { } channel)
        {
            name = (string)channel.Get("name")!;
            builder.AddChannel(channel);
            if (config.List("overrides") is { Items.Count: > 0 })
                builder.Note(item, "overrides per group are not translated: all alerts of this provider go to one channel (make more channels and rules by hand)");
        }
        _channels[type] = name;
        return name;
    }

    /// <summary>The provider's <c>default-alert</c>, whose fields an endpoint's alert falls back to.</summary>
    public SourceMap? DefaultAlert(string type) => alerting?.Map(type)?.Map("default-alert");

    /// <summary>Notes providers that are configured but used by no endpoint.</summary>
    public void NoteUnused()
    {
        if (alerting is null)
            return;
        foreach (var (type, _) in alerting.Entries)
            if (!_channels.ContainsKey(type))
                builder.Note("alerting." + type, "no endpoint's alerts use this provider; no channel was made");
    }

    private YamlMap? Channel(string item, string type, SourceMap c)
    {
        var name = builder.UniqueName(ObjectKind.Channel, type, type, item);
        switch (type)
        {
            case "slack" or "discord" or "teams" or "teams-workflows":
                if (c.Text("webhook-url") is null)
                    return Missing(item, "webhook-url");
                return ImportChannels.New(builder, item, name, type == "teams-workflows" ? "teams" : type, ("url", "secret"));
            case "pagerduty":
                if (c.Text("integration-key") is null)
                    return Missing(item, "integration-key");
                return ImportChannels.New(builder, item, name, "pagerduty", ("routingKey", "secret"));
            case "telegram":
            {
                if (c.Text("token") is null)
                    return Missing(item, "token");
                if (c.Text("id") is not { } chat)
                    return Missing(item, "id");
                if (c.Text("topic-id") is not null)
                    builder.Note(item, "topic-id is not translated: Linkwatch posts to the chat itself");
                var api = c.Text("api-url")?.TrimEnd('/');
                return ImportChannels.New(builder, item, name, "telegram", ("botToken", "secret"), ("chatId", chat),
                    ("apiBaseUrl", api is null or "https://api.telegram.org" ? null : api));
            }
            case "ntfy":
            {
                if (c.Text("topic") is not { } topic)
                    return Missing(item, "topic");
                var priority = c.Int("priority");
                if (c.Text("email") is not null || c.Text("click") is not null)
                    builder.Note(item, "email and click are not translated: Linkwatch's ntfy channel sends the message, its priority and a link to the alert");
                return ImportChannels.New(builder, item, name, "ntfy", ("server", c.Text("url")?.TrimEnd('/')), ("topic", topic),
                    ("priority", priority is >= 1 and <= 5 ? priority : null), ("token", c.Text("token") is null ? null : "secret"));
            }
            case "gotify":
                if (c.Text("server-url") is not { } server)
                    return Missing(item, "server-url");
                if (c.Text("token") is null)
                    return Missing(item, "token");
                return ImportChannels.New(builder, item, name, "gotify", ("server", server.TrimEnd('/')), ("appToken", "secret"),
                    ("priority", c.Int("priority")));
            case "email":
            {
                if (c.Text("host") is not { } host)
                    return Missing(item, "host");
                if (c.Text("from") is not { } from)
                    return Missing(item, "from");
                var to = (c.Text("to") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (to.Length == 0)
                    return Missing(item, "to");
                var port = c.Int("port");
                var password = c.Text("password") is not null;
                if (c.Map("client")?.Bool("insecure") == true)
                    builder.Note(item, "client.insecure is not translated: Linkwatch checks the relay's certificate; pin it with settings.trustCertificateFingerprint or trust its CA with settings.caFile");
                // Gatus speaks TLS from the first byte on port 465 and STARTTLS elsewhere.
                return ImportChannels.New(builder, item, name, "email", ("host", host), ("port", port),
                    ("security", port == 465 ? "tls" : "starttls"),
                    ("username", password ? c.Text("username") ?? from : null), ("password", password ? "secret" : null),
                    ("from", from), ("to", to.Length == 1 ? to[0] : to.ToList()));
            }
            case "custom":
            {
                if (c.Text("url") is not { } url)
                    return Missing(item, "url");
                var method = c.Text("method")?.ToUpperInvariant() ?? "GET";
                if (method != "POST")
                    builder.Note(item, $"method {ImportChecks.Shown(method)} is not translated: a Linkwatch webhook POSTs");
                if (c.Text("body") is not null)
                    builder.Note(item, "body is not translated: Gatus' placeholders differ from Linkwatch's; the webhook sends Linkwatch's JSON payload unless you add a settings.template (see docs/alerts.md)");
                if (c.Map("headers") is { Entries.Count: > 0 })
                    builder.Note(item, "headers are not translated: Linkwatch webhooks send no extra headers (settings.secret adds an HMAC signature)");
                return ImportChannels.New(builder, item, name, "webhook", ("url", url));
            }
            default:
                builder.Note(item, $"provider {ImportChecks.Shown(type)} has no Linkwatch channel type; no channel (an apprise channel reaches many more services)");
                return null;
        }
    }

    private YamlMap? Missing(string item, string field)
    {
        builder.Note(item, $"{field} is missing or empty (Gatus ignores this provider's alerts too); no channel");
        return null;
    }
}
