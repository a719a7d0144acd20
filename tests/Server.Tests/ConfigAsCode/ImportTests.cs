using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.ConfigAsCode.Import;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Linkwatch.Server.Tests.ConfigAsCode;

public sealed class ImportTests
{
    private static readonly string KumaBackup = Fixture("uptime-kuma-backup.json");
    private static readonly string GatusConfig = Fixture("gatus-config.yaml");

    // Every secret value in the fixtures: none may appear in the YAML or in a note.
    private static readonly string[] KumaSecrets =
        ["kuma-slack-secret-1", "kuma-basic-secret-2", "kuma-pagerduty-secret-3", "kuma-pushover-secret-4", "kuma-pushover-secret-5", "kuma-push-token-6"];
    private static readonly string[] GatusSecrets =
        ["gatus-slack-secret-1", "gatus-pagerduty-secret-2", "gatus-discord-secret-3", "gatus-ssh-secret-4"];

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConfigAsCode", "Fixtures", name));

    // ---- Uptime Kuma ----

    [Fact]
    public void UptimeKuma_backup_becomes_checks_with_each_monitor_types_options()
    {
        var yaml = Parse(UptimeKumaImport.Translate(KumaBackup).Yaml);

        Assert.Equal(["checks", "channels", "alertRules"], yaml.Children.Keys.Select(k => k.ToString()));
        var checks = Items(yaml, "checks");
        Assert.Equal(
            ["Public API", "Shop front page", "Status JSON", "Database port", "Example DNS", "Nightly backup", "Gateway ping", "Public API (2)"],
            checks.Select(c => Str(c, "name")));

        var api = Named(checks, "Public API");
        Assert.Equal("http", Str(api, "kind"));
        Assert.Equal("https://api.example.net/health", Str(api, "target"));
        Assert.Equal("60", Str(api, "intervalSeconds"));
        Assert.Equal("48", Str(api, "timeoutSeconds"));
        Assert.Equal("200-299", Str(Map(api, "options"), "expectStatus"));
        Assert.Equal("2", Str(Map(Map(api, "options"), "headers"), "X-Api-Version"));
        Assert.Equal("production", Str(Map(api, "labels"), "env"));
        Assert.False(api.Children.ContainsKey("enabled"));

        var shop = Map(Named(checks, "Shop front page"), "options");
        Assert.Equal("Add to cart", Str(shop, "expectBody"));
        Assert.Equal("200-299,301", Str(shop, "expectStatus"));
        Assert.Equal("true", Str(shop, "insecure"));
        Assert.Equal("false", Str(shop, "followRedirects"));
        Assert.Equal("${LINKWATCH_CHECK_SHOP_FRONT_PAGE_BASICAUTH}", Str(shop, "basicAuth"));

        var json = Named(checks, "Status JSON");
        Assert.Equal("false", Str(json, "enabled"));
        Assert.Equal("POST", Str(Map(json, "options"), "method"));
        Assert.Equal("{\"probe\": true}", Str(Map(json, "options"), "body"));
        Assert.Equal("application/json", Str(Map(Map(json, "options"), "headers"), "Content-Type"));
        Assert.Equal(["status == ok"], Seq(Map(json, "options"), "expectJson"));

        var db = Named(checks, "Database port");
        Assert.Equal(("tcp", "db.internal:5432"), (Str(db, "kind"), Str(db, "target")));
        Assert.Equal("data", Str(Map(db, "labels"), "team"));
        Assert.Equal("", Str(Map(db, "labels"), "critical"));

        var dns = Named(checks, "Example DNS");
        Assert.Equal(("dns", "example.net"), (Str(dns, "kind"), Str(dns, "target")));
        Assert.Equal("1.1.1.1", Str(Map(dns, "options"), "server"));
        Assert.Equal("AAAA", Str(Map(dns, "options"), "type"));

        var push = Named(checks, "Nightly backup");
        Assert.Equal("push", Str(push, "kind"));
        Assert.False(push.Children.ContainsKey("target"));
        Assert.Equal("86400", Str(push, "intervalSeconds"));
        Assert.Equal("60", Str(Map(push, "options"), "graceSeconds"));

        var ping = Named(checks, "Gateway ping");
        Assert.Equal(("icmp", "192.0.2.1"), (Str(ping, "kind"), Str(ping, "target")));
        Assert.Equal("false", Str(ping, "enabled")); // upside down: imported paused
    }

    [Fact]
    public void UptimeKuma_notifications_become_channels_and_each_monitors_notifications_one_rule()
    {
        var result = UptimeKumaImport.Translate(KumaBackup);
        var yaml = Parse(result.Yaml);

        var channels = Items(yaml, "channels");
        Assert.Equal(["Ops Slack", "Deploy hook", "Pager"], channels.Select(c => Str(c, "name")));
        var slack = Named(channels, "Ops Slack");
        Assert.Equal("slack", Str(slack, "type"));
        Assert.Equal("${LINKWATCH_SLACK_OPS_SLACK_URL}", Str(Map(slack, "settings"), "url"));
        var hook = Named(channels, "Deploy hook");
        Assert.Equal(("webhook", "https://hooks.example.net/kuma"), (Str(hook, "type"), Str(Map(hook, "settings"), "url")));
        var pager = Map(Named(channels, "Pager"), "settings");
        Assert.Equal("${LINKWATCH_PAGERDUTY_PAGER_ROUTINGKEY}", Str(pager, "routingKey"));
        Assert.Equal("critical", Str(pager, "severity"));
        Assert.False(pager.Children.ContainsKey("apiBaseUrl"));

        var rules = Items(yaml, "alertRules");
        Assert.Equal(["Public API down", "Shop front page down", "Database port down", "Nightly backup down"], rules.Select(r => Str(r, "name")));
        var api = Named(rules, "Public API down");
        Assert.Equal("Public API", Str(api, "check"));
        Assert.Equal("3", Str(api, "openAfterFailures")); // maxretries 2: the third failure notifies
        Assert.Equal("1", Str(api, "resolveAfterSuccesses"));
        Assert.Equal(["Ops Slack", "Pager"], Seq(api, "channels"));
        var shop = Named(rules, "Shop front page down");
        Assert.Equal("1", Str(shop, "openAfterFailures"));
        Assert.Equal("20", Str(shop, "reminderMinutes")); // resendInterval 10 beats of 120 s
        Assert.Equal(["Deploy hook"], Seq(shop, "channels"));
        Assert.Equal("5", Str(Named(rules, "Database port down"), "openAfterFailures"));
        Assert.Equal(["Ops Slack"], Seq(Named(rules, "Database port down"), "channels"));
        // isDefault only pre-selects a notification for new monitors in Kuma: monitors that do not list it get no rule.
        Assert.DoesNotContain(rules, r => Str(r, "check") is "Example DNS" or "Gateway ping" or "Status JSON");
    }

    [Fact]
    public void UptimeKuma_untranslatable_items_and_required_actions_are_notes()
    {
        var notes = UptimeKumaImport.Translate(KumaBackup).Notes;

        Assert.Contains(notes, n => n.Item == "monitorList[6] \"Redis container\"" && n.Reason.Contains("docker", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item == "notificationList[3] \"Pushover\"" && n.Reason.Contains("pushover", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item.StartsWith("monitorList[5]", StringComparison.Ordinal) && n.Reason.Contains("push URL", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item.StartsWith("monitorList[7]", StringComparison.Ordinal) && n.Reason.Contains("upside down", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item.StartsWith("monitorList[8]", StringComparison.Ordinal) && n.Reason.Contains("Public API (2)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item.StartsWith("monitorList[0]", StringComparison.Ordinal) && n.Reason.Contains("retryInterval", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item.StartsWith("monitorList[3]", StringComparison.Ordinal) && n.Reason.Contains("notification 4", StringComparison.Ordinal));
        foreach (var variable in new[] { "LINKWATCH_SLACK_OPS_SLACK_URL", "LINKWATCH_PAGERDUTY_PAGER_ROUTINGKEY", "LINKWATCH_CHECK_SHOP_FRONT_PAGE_BASICAUTH" })
            Assert.Contains(notes, n => n.Reason.Contains("environment variable " + variable, StringComparison.Ordinal));
    }

    [Fact]
    public void UptimeKuma_secrets_are_environment_references_never_the_literal()
    {
        var result = UptimeKumaImport.Translate(KumaBackup);
        foreach (var secret in KumaSecrets)
        {
            Assert.DoesNotContain(secret, result.Yaml, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Notes, n => n.Item.Contains(secret, StringComparison.Ordinal) || n.Reason.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void UptimeKuma_translation_is_deterministic()
    {
        var first = UptimeKumaImport.Translate(KumaBackup);
        var second = UptimeKumaImport.Translate(KumaBackup);
        Assert.Equal(first.Yaml, second.Yaml);
        Assert.Equal(first.Notes, second.Notes);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("   ", "the file is empty")]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not an object with monitorList")]
    [InlineData("{\"version\": \"1.23.0\"}", "monitorList is missing: not an Uptime Kuma backup")]
    [InlineData("{\"monitorList\": 3}", "monitorList is not a list")]
    [InlineData("{\"monitorList\": [], \"notificationList\": \"x\"}", "notificationList is not a list")]
    [InlineData("{\"monitorList\": [{\"name\": \"a\"", "not valid JSON")]
    public void UptimeKuma_garbage_is_refused_naming_the_problem(string input, string message)
    {
        var error = Assert.Throws<ImportFormatException>(() => UptimeKumaImport.Translate(input));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UptimeKuma_refuses_too_large_input_and_too_many_monitors()
    {
        var many = "{\"monitorList\": [" + string.Join(",", Enumerable.Repeat("{}", 5001)) + "]}";
        Assert.Contains("at most 5000", Assert.Throws<ImportFormatException>(() => UptimeKumaImport.Translate(many)).Message, StringComparison.Ordinal);
        var huge = "{\"monitorList\": [], \"pad\": \"" + new string('x', 5 * 1024 * 1024) + "\"}";
        Assert.Contains("5 MiB", Assert.Throws<ImportFormatException>(() => UptimeKumaImport.Translate(huge)).Message, StringComparison.Ordinal);
        var deep = "{\"monitorList\": [" + new string('[', 10000) + new string(']', 10000) + "]}";
        Assert.Throws<ImportFormatException>(() => UptimeKumaImport.Translate(deep));
    }

    [Fact]
    public void UptimeKuma_truncated_backups_are_refused_or_translated_never_crash()
    {
        for (var length = 0; length < KumaBackup.Length; length += 37)
            TranslatesOrRefuses(() => UptimeKumaImport.Translate(KumaBackup[..length]));
    }

    [Fact]
    public void UptimeKuma_fields_of_the_wrong_type_never_crash()
    {
        JsonNode?[] replacements = [null, 0, -1, 1e300, "x", "", true, new JsonArray(), new JsonObject(), new JsonArray(1, "a")];
        var original = JsonNode.Parse(KumaBackup)!;
        foreach (var list in new[] { "monitorList", "notificationList" })
        {
            var items = original[list]!.AsArray();
            for (var i = 0; i < items.Count; i++)
                foreach (var field in items[i]!.AsObject().Select(p => p.Key).ToList())
                    foreach (var replacement in replacements)
                    {
                        var copy = JsonNode.Parse(KumaBackup)!;
                        copy[list]![i]![field] = replacement?.DeepClone();
                        TranslatesOrRefuses(() => UptimeKumaImport.Translate(copy.ToJsonString()));
                    }
            foreach (var replacement in replacements)
            {
                var copy = JsonNode.Parse(KumaBackup)!;
                copy[list]![0] = replacement?.DeepClone();
                TranslatesOrRefuses(() => UptimeKumaImport.Translate(copy.ToJsonString()));
            }
        }
    }

    // ---- Gatus ----

    [Fact]
    public void Gatus_endpoints_become_checks_with_their_conditions_as_options()
    {
        var yaml = Parse(GatusImport.Translate(GatusConfig).Yaml);

        Assert.Equal(["checks", "channels", "alertRules"], yaml.Children.Keys.Select(k => k.ToString()));
        var checks = Items(yaml, "checks");
        Assert.Equal(["website", "redis", "example-dns-query", "gateway", "ldaps", "chat socket"], checks.Select(c => Str(c, "name")));

        var website = Named(checks, "website");
        Assert.Equal(("http", "https://twin.example.org/health", "300"), (Str(website, "kind"), Str(website, "target"), Str(website, "intervalSeconds")));
        var options = Map(website, "options");
        Assert.Equal("200", Str(options, "expectStatus"));
        Assert.Equal("healthy", Str(options, "expectBody"));
        Assert.Equal(["status == UP"], Seq(options, "expectJson"));
        Assert.Equal("299", Str(options, "maxLatencyMs"));
        Assert.Equal("2", Str(options, "expiryWarningDays"));
        Assert.Equal("core", Str(Map(website, "labels"), "group"));

        var redis = Named(checks, "redis");
        Assert.Equal(("tcp", "10.0.0.5:6379", "30"), (Str(redis, "kind"), Str(redis, "target"), Str(redis, "intervalSeconds")));
        Assert.False(redis.Children.ContainsKey("options"));

        var dns = Named(checks, "example-dns-query");
        Assert.Equal(("dns", "example.com"), (Str(dns, "kind"), Str(dns, "target")));
        Assert.Equal(("8.8.8.8", "A", "93.184.215.14"), (Str(Map(dns, "options"), "server"), Str(Map(dns, "options"), "type"), Str(Map(dns, "options"), "expect")));

        var gateway = Named(checks, "gateway");
        Assert.Equal(("icmp", "192.0.2.1"), (Str(gateway, "kind"), Str(gateway, "target")));

        var ldaps = Named(checks, "ldaps");
        Assert.Equal(("tls", "ldap.example.org:636", "1800", "5"), (Str(ldaps, "kind"), Str(ldaps, "target"), Str(ldaps, "intervalSeconds"), Str(ldaps, "timeoutSeconds")));
        Assert.Equal("30", Str(Map(ldaps, "options"), "expiryWarningDays"));

        var socket = Named(checks, "chat socket");
        Assert.Equal(("websocket", "wss://chat.example.org/ws"), (Str(socket, "kind"), Str(socket, "target")));
        Assert.Equal(("status", "served by"), (Str(Map(socket, "options"), "payload"), Str(Map(socket, "options"), "expect")));
    }

    [Fact]
    public void Gatus_alerts_become_rules_with_one_channel_per_provider_used()
    {
        var yaml = Parse(GatusImport.Translate(GatusConfig).Yaml);

        var channels = Items(yaml, "channels");
        Assert.Equal(["slack", "pagerduty"], channels.Select(c => Str(c, "name")));
        Assert.Equal("${LINKWATCH_SLACK_SLACK_URL}", Str(Map(Named(channels, "slack"), "settings"), "url"));
        Assert.Equal("${LINKWATCH_PAGERDUTY_PAGERDUTY_ROUTINGKEY}", Str(Map(Named(channels, "pagerduty"), "settings"), "routingKey"));

        var rules = Items(yaml, "alertRules");
        Assert.Equal(["website down (slack)", "website down (pagerduty)", "redis down (slack)"], rules.Select(r => Str(r, "name")));
        var slack = Named(rules, "website down (slack)");
        Assert.Equal(("website", "4", "2"), (Str(slack, "check"), Str(slack, "openAfterFailures"), Str(slack, "resolveAfterSuccesses"))); // slack's default-alert
        Assert.Equal(["slack"], Seq(slack, "channels"));
        var pager = Named(rules, "website down (pagerduty)");
        Assert.Equal(("5", "3"), (Str(pager, "openAfterFailures"), Str(pager, "resolveAfterSuccesses")));
        Assert.Equal(["pagerduty"], Seq(pager, "channels"));
    }

    [Fact]
    public void Gatus_untranslatable_conditions_and_endpoints_are_notes()
    {
        var notes = GatusImport.Translate(GatusConfig).Notes;

        Assert.Contains(notes, n => n.Item == "endpoints[3] \"gateway\" condition \"[IP] == 192.0.2.1\"" && n.Reason.StartsWith("not translated", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item == "endpoints[6] \"ssh-box\"" && n.Reason.Contains("ssh://", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item == "alerting.discord" && n.Reason.Contains("no endpoint", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Item == "alerting.slack" && n.Reason.Contains("LINKWATCH_SLACK_SLACK_URL", StringComparison.Ordinal));
        // Conditions every check of the kind enforces need no note.
        Assert.DoesNotContain(notes, n => n.Item.Contains("[CONNECTED] == true", StringComparison.Ordinal) || n.Item.Contains("NOERROR", StringComparison.Ordinal));
    }

    [Fact]
    public void Gatus_secrets_are_environment_references_never_the_literal()
    {
        var result = GatusImport.Translate(GatusConfig);
        foreach (var secret in GatusSecrets)
        {
            Assert.DoesNotContain(secret, result.Yaml, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Notes, n => n.Item.Contains(secret, StringComparison.Ordinal) || n.Reason.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Gatus_translation_is_deterministic()
    {
        var first = GatusImport.Translate(GatusConfig);
        var second = GatusImport.Translate(GatusConfig);
        Assert.Equal(first.Yaml, second.Yaml);
        Assert.Equal(first.Notes, second.Notes);
    }

    [Fact]
    public void Gatus_status_conditions_combine_into_one_expected_status_list()
    {
        var yaml = Parse(GatusImport.Translate("""
            endpoints:
              - name: a
                url: https://a.example/
                conditions: ["[STATUS] < 300", "[STATUS] != 204", "[STATUS] >= 200"]
              - name: b
                url: https://b.example/
                conditions: ["[STATUS] == any(200, 429)"]
              - name: c
                url: https://c.example/
                conditions: ["[STATUS] == pat(3*)", "len([BODY].items) >= 2", "[BODY].version == pat(*beta*)"]
            """).Yaml);
        var checks = Items(yaml, "checks");
        Assert.Equal("200-203,205-299", Str(Map(Named(checks, "a"), "options"), "expectStatus"));
        Assert.Equal("200,429", Str(Map(Named(checks, "b"), "options"), "expectStatus"));
        Assert.Equal("300-399", Str(Map(Named(checks, "c"), "options"), "expectStatus"));
        Assert.Equal(["len(items) >= 2", "version contains beta"], Seq(Map(Named(checks, "c"), "options"), "expectJson"));
    }

    [Fact]
    public void Gatus_anchors_and_merge_keys_are_read()
    {
        var yaml = Parse(GatusImport.Translate("""
            defaults: &defaults
              interval: 2m
              conditions: ["[STATUS] == 200"]
            endpoints:
              - <<: *defaults
                name: one
                url: https://one.example/
              - <<: *defaults
                name: two
                url: https://two.example/
                interval: 10s
            """).Yaml);
        var checks = Items(yaml, "checks");
        Assert.Equal(("120", "200"), (Str(Named(checks, "one"), "intervalSeconds"), Str(Map(Named(checks, "one"), "options"), "expectStatus")));
        Assert.Equal("10", Str(Named(checks, "two"), "intervalSeconds"));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("# only a comment\n", "the file is empty")]
    [InlineData("just a string", "top level is not a mapping")]
    [InlineData("- a\n- b\n", "top level is not a mapping")]
    [InlineData("web:\n  port: 8080\n", "endpoints is missing: not a Gatus configuration")]
    [InlineData("endpoints: 3\n", "endpoints is not a list")]
    [InlineData("endpoints: [\n", "not valid YAML")]
    [InlineData("endpoints:\n\t- name: a\n", "not valid YAML")]
    [InlineData("endpoints: []\nendpoints: []\n", "given twice")]
    [InlineData("endpoints: *nowhere\n", "refers to no anchor")]
    [InlineData("endpoints: []\n---\nendpoints: []\n", "more than one YAML document")]
    [InlineData("endpoints: []\nalerting: 3\n", "alerting is not a mapping")]
    public void Gatus_garbage_is_refused_naming_the_problem(string input, string message)
    {
        var error = Assert.Throws<ImportFormatException>(() => GatusImport.Translate(input));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gatus_alias_bombs_deep_nesting_and_too_many_endpoints_are_refused()
    {
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
            bomb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        bomb.Append("endpoints: *a9\n");
        Assert.Contains("aliases", Assert.Throws<ImportFormatException>(() => GatusImport.Translate(bomb.ToString())).Message, StringComparison.Ordinal);

        var deep = "endpoints: " + new string('[', 5000) + new string(']', 5000) + "\n";
        Assert.Throws<ImportFormatException>(() => GatusImport.Translate(deep));

        var many = "endpoints:\n" + string.Concat(Enumerable.Repeat("  - {name: a, url: 'tcp://a:1'}\n", 5001));
        Assert.Contains("at most 5000", Assert.Throws<ImportFormatException>(() => GatusImport.Translate(many)).Message, StringComparison.Ordinal);

        var huge = "endpoints: []\n#" + new string('x', 5 * 1024 * 1024) + "\n";
        Assert.Contains("5 MiB", Assert.Throws<ImportFormatException>(() => GatusImport.Translate(huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gatus_truncated_configs_are_refused_or_translated_never_crash()
    {
        for (var length = 0; length < GatusConfig.Length; length += 11)
            TranslatesOrRefuses(() => GatusImport.Translate(GatusConfig[..length]));
    }

    [Fact]
    public void Gatus_fields_of_the_wrong_type_never_crash()
    {
        string[] replacements = ["null", "0", "-1", "''", "x", "true", "[]", "{}", "[1, [2]]", "{a: {b: c}}", "99999999999999999999", "1e400"];
        string[] fields = ["name", "group", "url", "interval", "method", "body", "headers", "conditions", "alerts", "dns", "client", "enabled", "graphql", "extra-labels"];
        foreach (var field in fields)
            foreach (var replacement in replacements)
            {
                var config = $$"""
                    alerting:
                      slack: {webhook-url: "https://hooks.slack.com/x", default-alert: {{replacement}}}
                      email: {{replacement}}
                    endpoints:
                      - name: a
                        url: https://a.example/
                        dns: {query-name: example.com, query-type: {{replacement}}}
                        client: {timeout: {{replacement}}, network: {{replacement}}}
                        conditions: ["[STATUS] == 200", {{replacement}}]
                        alerts: [{type: slack, failure-threshold: {{replacement}}}, {type: email}, {{replacement}}]
                        {{field}}: {{replacement}}
                    """;
                TranslatesOrRefuses(() => GatusImport.Translate(config));
            }
    }

    [Fact]
    public void UptimeKuma_every_supported_notification_type_maps_its_fields()
    {
        static JsonObject Notification(int id, string name, JsonObject config)
        {
            config["name"] = name;
            return new JsonObject { ["id"] = id, ["name"] = name, ["config"] = config.ToJsonString(), ["active"] = true, ["isDefault"] = false };
        }
        var backup = new JsonObject
        {
            ["version"] = "1.23.16",
            ["notificationList"] = new JsonArray(
                Notification(1, "chat", new JsonObject { ["type"] = "discord", ["discordWebhookUrl"] = "https://discord.com/api/webhooks/1/s-1" }),
                Notification(2, "bot", new JsonObject { ["type"] = "telegram", ["telegramBotToken"] = "s-2", ["telegramChatID"] = "-100123" }),
                Notification(3, "push", new JsonObject { ["type"] = "ntfy", ["ntfyserverurl"] = "https://ntfy.example/", ["ntfytopic"] = "ops", ["ntfyPriority"] = 4, ["ntfyAuthenticationMethod"] = "accessToken", ["ntfyaccesstoken"] = "s-3" }),
                Notification(4, "gotify", new JsonObject { ["type"] = "gotify", ["gotifyserverurl"] = "https://gotify.example", ["gotifyapplicationToken"] = "s-4", ["gotifyPriority"] = 8 }),
                Notification(5, "mail", new JsonObject { ["type"] = "smtp", ["smtpHost"] = "smtp.example", ["smtpPort"] = 465, ["smtpSecure"] = true, ["smtpUsername"] = "kuma", ["smtpPassword"] = "s-5", ["smtpFrom"] = "kuma@example.net", ["smtpTo"] = "a@example.net, b@example.net" }),
                Notification(6, "room", new JsonObject { ["type"] = "teams", ["webhookUrl"] = "https://example.webhook.office.com/s-6" }),
                Notification(7, "many", new JsonObject { ["type"] = "apprise", ["appriseURL"] = "mailto://user:s-7@example.net" })),
            ["monitorList"] = new JsonArray(new JsonObject
            {
                ["id"] = 1, ["name"] = "web", ["type"] = "websocket-upgrade", ["url"] = "wss://ws.example.net/", ["interval"] = 60, ["maxretries"] = 0, ["active"] = true,
                ["notificationIDList"] = new JsonObject { ["1"] = true, ["2"] = true, ["3"] = true, ["4"] = true, ["5"] = true, ["6"] = true, ["7"] = true },
            }),
        }.ToJsonString();

        var result = UptimeKumaImport.Translate(backup);
        var yaml = Parse(result.Yaml);
        var channels = Items(yaml, "channels");
        Assert.Equal(["discord", "telegram", "ntfy", "gotify", "email", "teams", "apprise"], channels.Select(c => Str(c, "type")));
        Assert.Equal("${LINKWATCH_DISCORD_CHAT_URL}", Str(Map(Named(channels, "chat"), "settings"), "url"));
        var bot = Map(Named(channels, "bot"), "settings");
        Assert.Equal(("${LINKWATCH_TELEGRAM_BOT_BOTTOKEN}", "-100123"), (Str(bot, "botToken"), Str(bot, "chatId")));
        var ntfy = Map(Named(channels, "push"), "settings");
        Assert.Equal(("https://ntfy.example", "ops", "4", "${LINKWATCH_NTFY_PUSH_TOKEN}"), (Str(ntfy, "server"), Str(ntfy, "topic"), Str(ntfy, "priority"), Str(ntfy, "token")));
        var gotify = Map(Named(channels, "gotify"), "settings");
        Assert.Equal(("https://gotify.example", "${LINKWATCH_GOTIFY_GOTIFY_APPTOKEN}", "8"), (Str(gotify, "server"), Str(gotify, "appToken"), Str(gotify, "priority")));
        var mail = Map(Named(channels, "mail"), "settings");
        Assert.Equal(("smtp.example", "465", "tls", "kuma", "${LINKWATCH_EMAIL_MAIL_PASSWORD}", "kuma@example.net"),
            (Str(mail, "host"), Str(mail, "port"), Str(mail, "security"), Str(mail, "username"), Str(mail, "password"), Str(mail, "from")));
        Assert.Equal(["a@example.net", "b@example.net"], Seq(mail, "to"));
        Assert.Equal("${LINKWATCH_TEAMS_ROOM_URL}", Str(Map(Named(channels, "room"), "settings"), "url"));
        Assert.Equal("${LINKWATCH_APPRISE_MANY_URLS}", Str(Map(Named(channels, "many"), "settings"), "urls"));
        Assert.Equal(7, Seq(Assert.Single(Items(yaml, "alertRules")), "channels").Count);
        Assert.Equal(("websocket", "wss://ws.example.net/"), (Str(Assert.Single(Items(yaml, "checks")), "kind"), Str(Items(yaml, "checks")[0], "target")));
        for (var i = 1; i <= 7; i++)
            Assert.DoesNotContain($"s-{i}", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Gatus_every_supported_provider_maps_its_fields()
    {
        var result = GatusImport.Translate("""
            alerting:
              telegram: {token: "g-1", id: "0123456789"}
              ntfy: {topic: ops, url: "https://ntfy.example", token: "g-2", priority: 2}
              gotify: {server-url: "https://gotify.example", token: "g-3", priority: 5}
              email: {from: "gatus@example.net", password: "g-4", host: smtp.example, port: 587, to: "a@example.net,b@example.net"}
              teams-workflows: {webhook-url: "https://example.webhook.office.com/g-5"}
              custom: {url: "https://hooks.example.net/gatus", method: POST, body: "{}"}
              discord: {webhook-url: "https://discord.com/api/webhooks/g-6"}
              opsgenie: {api-key: "g-7"}
            endpoints:
              - name: api
                url: udp://10.0.0.9:5353
                body: ping
                conditions: ["[BODY] == pat(*pong*)", "[RESPONSE_TIME] <= 50"]
                alerts:
                  - {type: telegram, minimum-reminder-interval: 90m}
                  - {type: ntfy}
                  - {type: gotify}
                  - {type: email}
                  - {type: teams-workflows}
                  - {type: custom}
                  - {type: discord, enabled: false}
                  - {type: opsgenie}
            """);
        var yaml = Parse(result.Yaml);
        var channels = Items(yaml, "channels");
        Assert.Equal(["telegram", "ntfy", "gotify", "email", "teams-workflows", "custom"], channels.Select(c => Str(c, "name")));
        Assert.Equal(["telegram", "ntfy", "gotify", "email", "teams", "webhook"], channels.Select(c => Str(c, "type")));
        var telegram = Map(Named(channels, "telegram"), "settings");
        Assert.Equal(("${LINKWATCH_TELEGRAM_TELEGRAM_BOTTOKEN}", "0123456789"), (Str(telegram, "botToken"), Str(telegram, "chatId")));
        var ntfy = Map(Named(channels, "ntfy"), "settings");
        Assert.Equal(("https://ntfy.example", "ops", "2", "${LINKWATCH_NTFY_NTFY_TOKEN}"), (Str(ntfy, "server"), Str(ntfy, "topic"), Str(ntfy, "priority"), Str(ntfy, "token")));
        Assert.Equal("${LINKWATCH_GOTIFY_GOTIFY_APPTOKEN}", Str(Map(Named(channels, "gotify"), "settings"), "appToken"));
        var mail = Map(Named(channels, "email"), "settings");
        Assert.Equal(("starttls", "gatus@example.net", "${LINKWATCH_EMAIL_EMAIL_PASSWORD}"), (Str(mail, "security"), Str(mail, "username"), Str(mail, "password")));
        Assert.Equal(["a@example.net", "b@example.net"], Seq(mail, "to"));
        Assert.Equal("https://hooks.example.net/gatus", Str(Map(Named(channels, "custom"), "settings"), "url"));

        var rules = Items(yaml, "alertRules");
        Assert.Equal(6, rules.Count);
        Assert.Equal("90", Str(Named(rules, "api down (telegram)"), "reminderMinutes"));
        Assert.Contains(result.Notes, n => n.Item == "endpoints[0] \"api\" alerts[6]" && n.Reason.Contains("disabled", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Item == "alerting.opsgenie" && n.Reason.Contains("no Linkwatch channel type", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Item == "alerting.custom" && n.Reason.Contains("body is not translated", StringComparison.Ordinal));

        var check = Assert.Single(Items(yaml, "checks"));
        Assert.Equal(("udp", "10.0.0.9:5353"), (Str(check, "kind"), Str(check, "target")));
        Assert.Equal(("ping", "pong", "50"), (Str(Map(check, "options"), "payload"), Str(Map(check, "options"), "expect"), Str(Map(check, "options"), "maxLatencyMs")));
        for (var i = 1; i <= 7; i++)
            Assert.DoesNotContain($"g-{i}", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_the_server_would_refuse_is_a_note_naming_it()
    {
        var result = GatusImport.Translate("""
            endpoints:
              - name: api
                url: https://api.example/
                headers: {"Bad Header": "x"}
            """);
        Assert.Contains(result.Notes, n => n.Item == "endpoints[0] \"api\"" && n.Reason.StartsWith("the server will refuse options.headers.Bad Header", StringComparison.Ordinal));
        Assert.DoesNotContain(UptimeKumaImport.Translate(KumaBackup).Notes, n => n.Reason.Contains("the server will refuse", StringComparison.Ordinal));
        Assert.DoesNotContain(GatusImport.Translate(GatusConfig).Notes, n => n.Reason.Contains("the server will refuse", StringComparison.Ordinal));
    }

    [Fact]
    public void Equal_names_get_suffixes_unique_per_kind()
    {
        static JsonObject Monitor(string name) => new()
        {
            ["name"] = name, ["type"] = "port", ["hostname"] = "h", ["port"] = 1, ["notificationIDList"] = new JsonObject { ["1"] = true },
        };
        var backup = new JsonObject
        {
            ["notificationList"] = new JsonArray(new JsonObject
            {
                ["id"] = 1, ["name"] = "a", ["config"] = new JsonObject { ["type"] = "webhook", ["webhookURL"] = "https://h.example/" }.ToJsonString(),
            }),
            ["monitorList"] = new JsonArray(Monitor("a"), Monitor("A"), Monitor("a (2)"), Monitor(" a ")),
        }.ToJsonString();
        var yaml = Parse(UptimeKumaImport.Translate(backup).Yaml);
        Assert.Equal(["a", "A (2)", "a (2) (2)", "a (3)"], Items(yaml, "checks").Select(c => Str(c, "name")));
        Assert.Equal(["a"], Items(yaml, "channels").Select(c => Str(c, "name")));
        Assert.Equal(["a down", "A (2) down", "a (2) (2) down", "a (3) down"], Items(yaml, "alertRules").Select(r => Str(r, "name")));
        Assert.Equal(["a", "A (2)", "a (2) (2)", "a (3)"], Items(yaml, "alertRules").Select(r => Str(r, "check")));
    }

    [Theory]
    [InlineData("Shop: front # page")]
    [InlineData("- 'quoted' \"twice\" \\ back")]
    [InlineData("true")]
    [InlineData("12:30")]
    [InlineData("2026-12-01")]
    [InlineData("${HOME}")]
    [InlineData("Grüße, 世界 ✓ & *star [x] {y} | > %")]
    [InlineData("a very long name that goes on and on past the emitter's preferred line width of eighty characters, to see that it folds back")]
    public void Strings_round_trip_through_the_yaml_unchanged(string text)
    {
        var backup = new JsonObject
        {
            ["monitorList"] = new JsonArray(new JsonObject
            {
                ["name"] = text, ["type"] = "keyword", ["url"] = "https://h.example/", ["keyword"] = text, ["body"] = text + "\nline two\n",
                ["headers"] = new JsonObject { ["X-Text"] = text, ["X-Number"] = "123" }.ToJsonString(),
                ["tags"] = new JsonArray(new JsonObject { ["name"] = "t", ["value"] = text }),
            }),
        }.ToJsonString();
        var check = Assert.Single(Items(Parse(UptimeKumaImport.Translate(backup).Yaml), "checks"));
        Assert.Equal(text.Trim(), Str(check, "name"));
        var options = Map(check, "options");
        Assert.Equal(text, Str(options, "expectBody"));
        Assert.Equal(text + "\nline two\n", Str(options, "body"));
        Assert.Equal(text, Str(Map(options, "headers"), "X-Text"));
        // A string that reads as another type in YAML is quoted, so the server reads a string.
        Assert.NotEqual(ScalarStyle.Plain, ((YamlScalarNode)Map(options, "headers").Children["X-Number"]).Style);
        Assert.Equal(text.Trim(), Str(Map(check, "labels"), "t"));
    }

    [Fact]
    public void Emitted_checks_pass_the_servers_check_and_option_rules()
    {
        foreach (var yaml in new[] { UptimeKumaImport.Translate(KumaBackup).Yaml, GatusImport.Translate(GatusConfig).Yaml })
            foreach (var check in Items(Parse(yaml), "checks"))
            {
                var kind = Str(check, "kind")!;
                var target = Str(check, "target");
                var interval = int.Parse(Str(check, "intervalSeconds")!, CultureInfo.InvariantCulture);
                var timeout = Str(check, "timeoutSeconds") is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : (double?)null;
                Assert.Empty(CheckSpec.Validate(kind, target, interval, timeout, Str(check, "family")));
                var options = check.Children.TryGetValue("options", out var node)
                    ? ((YamlMappingNode)node).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ToJson(c.Value))
                    : [];
                // The server reads ${NAME} from its environment before it validates; stand in a value of the right shape.
                foreach (var secret in options.Where(o => o.Value.ValueKind == JsonValueKind.String && o.Value.GetString()!.StartsWith("${", StringComparison.Ordinal)).ToList())
                    options[secret.Key] = JsonSerializer.SerializeToElement("user:password");
                var errors = CheckKindCatalog.Validate(kind, target ?? "", Str(check, "family") ?? Families.Auto,
                    TimeSpan.FromSeconds(timeout ?? 5), options, out _);
                Assert.True(errors.Count == 0, $"{Str(check, "name")}: {string.Join("; ", errors.Select(e => e.Field + ": " + e.Message))}");
            }
    }

    [Fact]
    public void Randomly_mutated_files_are_refused_or_translated_never_crash()
    {
        // A fixed seed, so a failure reproduces.
        var random = new Random(20261201);
        const string noise = "{}[]:,\"'\\-&*!|>#%@`\n\t 0aZ\u00e9\u0000";
        foreach (var (source, translate) in new (string, Func<string, ImportResult>)[] { (KumaBackup, UptimeKumaImport.Translate), (GatusConfig, GatusImport.Translate) })
            for (var run = 0; run < 400; run++)
            {
                var text = new StringBuilder(source);
                for (var edits = random.Next(1, 8); edits > 0 && text.Length > 0; edits--)
                {
                    var at = random.Next(text.Length);
                    switch (random.Next(3))
                    {
                        case 0: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                        case 1: text.Insert(at, noise[random.Next(noise.Length)]); break;
                        default: text[at] = noise[random.Next(noise.Length)]; break;
                    }
                }
                TranslatesOrRefuses(() => translate(text.ToString()));
            }
    }

    // ---- helpers ----

    /// <summary>A YAML value as the server's JSON reading of it: plain true/false and numbers typed, everything else text.</summary>
    private static JsonElement ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } b => JsonSerializer.SerializeToElement(b.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } n when double.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) =>
            JsonSerializer.SerializeToElement(d),
        YamlScalarNode s => JsonSerializer.SerializeToElement(s.Value),
        YamlSequenceNode list => JsonSerializer.SerializeToElement(list.Children.Select(ToJson).ToList()),
        YamlMappingNode map => JsonSerializer.SerializeToElement(map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ToJson(c.Value))),
        _ => default,
    };

    private static void TranslatesOrRefuses(Func<ImportResult> translate)
    {
        try
        {
            var result = translate();
            Parse(result.Yaml);
        }
        catch (ImportFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? new YamlMappingNode() : (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<YamlMappingNode> Items(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var list) ? [.. ((YamlSequenceNode)list).Children.Cast<YamlMappingNode>()] : [];

    private static YamlMappingNode Named(List<YamlMappingNode> items, string name) => Assert.Single(items, i => Str(i, "name") == name);

    private static YamlMappingNode Map(YamlMappingNode map, string key) => (YamlMappingNode)map.Children[key];

    private static string? Str(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    private static List<string?> Seq(YamlMappingNode map, string key) =>
        [.. ((YamlSequenceNode)map.Children[key]).Children.Select(c => ((YamlScalarNode)c).Value)];
}
