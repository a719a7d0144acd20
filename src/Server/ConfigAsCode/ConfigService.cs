using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Alerts.Api;
using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Checks;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Json;
using Linkwatch.Server.StatusPages;
using Linkwatch.Shared.Kinds;

namespace Linkwatch.Server.ConfigAsCode;

/// <summary>One difference between a config file and the store: what would be (or was) created, updated or deleted.</summary>
public sealed record ConfigChange(string Op, string Kind, string Name, IReadOnlyList<string> Fields);

/// <summary>The changes of a dry run or an apply, or (with nothing changed) the bad fields by their path in the file.</summary>
public sealed record ConfigOutcome(IReadOnlyList<ConfigChange> Changes, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Config as code: the store's checks, alert rules, channels and status pages as one YAML file, and such a file made
/// the store's truth. Objects are matched by name (status pages by slug) and refer to each other by name; a kind
/// listed in the file is made equal to it, an unlisted kind is left alone. A file is judged whole before anything is
/// changed, by the same rules as the API's bodies, and applied in one transaction.
/// </summary>
public sealed partial class ConfigService(
    LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection, TimeProvider time,
    AssignmentPublisher publisher, LiveEvents live, IAlertRuleCache ruleCache, StatusPageCache pageCache)
{
    public const int MaxBytes = 1 << 20;
    public const int MaxObjects = 5_000;
    public const string EnvironmentPrefix = "LINKWATCH_";

    public const string Checks = "checks";
    public const string AlertRules = "alertRules";
    public const string Channels = "channels";
    public const string StatusPages = "statusPages";

    private static readonly string[] Kinds = [Checks, AlertRules, Channels, StatusPages];

    // One apply at a time: two files applied at once would each be judged against a store the other is changing.
    private static readonly SemaphoreSlim ApplyLock = new(1, 1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Where <c>${NAME}</c> is read from; the server's environment unless a test gives its own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^LINKWATCH_[A-Za-z0-9_]+$")]
    private static partial Regex AllowedVariable();

    // ---- export ----

    /// <summary>The store as a config file: every kind, secrets left out.</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        var store = await Store.LoadAsync(db, cancellationToken);
        var root = new JsonObject
        {
            [Checks] = new JsonArray([.. store.Checks.Select(c => CheckNode(c, store.CheckNames[c.Id], store.NameOfCheck))]),
            [AlertRules] = new JsonArray([.. store.Rules.Select(r => RuleNode(r, store.RuleNames[r.Id], store.NameOfCheck))]),
            [Channels] = new JsonArray([.. store.Channels.Select(c => ChannelNode(c, store.ChannelNames[c.Id]))]),
            [StatusPages] = new JsonArray([.. store.Pages.Select(p => PageNode(p, store.NameOfCheck))]),
        };
        return YamlTree.Write(root);
    }

    // ---- dry run and apply ----

    public async Task<ConfigOutcome> RunAsync(string yaml, bool apply, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var file = Read(yaml, errors);
        if (file is null || errors.Count > 0)
            return Failed(errors);
        if (!apply)
            return await PlanAsync(file, errors, cancellationToken) is { } dry ? new(dry.Changes, Empty) : Failed(errors);
        await ApplyLock.WaitAsync(cancellationToken);
        try
        {
            // The plan is made inside the transaction that applies it, so nothing can change in between: SQLite's
            // transaction takes the write lock at its start; on PostgreSQL another server of the installation (each
            // applies Config:File at its start) waits on the advisory lock until this one has committed.
            Effects effects;
            List<ConfigChange> changes;
            await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                if (db.Database.IsNpgsql())
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4207341771)", cancellationToken);
                if (await PlanAsync(file, errors, cancellationToken) is not { } plan)
                    return Failed(errors);
                if (plan.Changes.Count == 0)
                    return new(plan.Changes, Empty);
                try
                {
                    effects = await ApplyAsync(plan, cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    errors.Set("yaml", "the store changed while the file was being applied (another change at the same moment); nothing was changed: apply it again");
                    return Failed(errors);
                }
                changes = plan.Changes;
            }
            await AnnounceAsync(effects);
            return new(changes, Empty);
        }
        finally
        {
            ApplyLock.Release();
        }
    }

    private static readonly Dictionary<string, string[]> Empty = [];

    /// <summary>
    /// The errors, at most <see cref="MaxErrors"/>, with every value read from the environment masked: a validator's
    /// message may repeat the value it judged, and the file's author is not meant to learn it.
    /// </summary>
    private ConfigOutcome Failed(ValidationErrors errors)
    {
        var shown = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors.Fields.Take(MaxErrors))
            shown[field] = [.. messages.Select(Masked)];
        if (errors.Count > MaxErrors)
            shown["yaml"] = [$"and {errors.Count - MaxErrors} more problems"];
        return new([], shown);
    }

    private string Masked(string message) =>
        _fromEnvironment.Where(v => v.Length > 0).Aggregate(message, (m, v) => m.Replace(v, ChannelSecrets.Mask, StringComparison.Ordinal));

    public const int MaxErrors = 100;

    private readonly List<string> _fromEnvironment = [];

    /// <summary>The file's objects, parsed strictly: syntax, shape, known fields, secrets by reference, and types.</summary>
    private ConfigFile? Read(string yaml, ValidationErrors errors)
    {
        if (Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            errors.Set("yaml", $"the file is larger than {MaxBytes / 1024} KiB");
            return null;
        }
        JsonNode? root;
        try
        {
            root = YamlTree.Parse(yaml);
        }
        catch (YamlTreeException ex)
        {
            errors.Set("yaml", ex.Message);
            return null;
        }
        if (root is not JsonObject top)
        {
            errors.Set("yaml", $"the file must be a mapping with one or more of: {string.Join(", ", Kinds)}");
            return null;
        }
        foreach (var key in top.Select(p => p.Key).Where(k => !Kinds.Contains(k)))
            errors.Set(key, $"unknown top-level key '{key}'; the kinds are: {string.Join(", ", Kinds)}");
        var lists = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var kind in Kinds.Where(top.ContainsKey))
        {
            if (top[kind] is not JsonArray array)
            {
                errors.Set(kind, $"{kind} must be a list ([] for none, which deletes them all)");
                continue;
            }
            if (array.Count > MaxObjects)
            {
                errors.Set(kind, $"at most {MaxObjects} {kind}");
                continue;
            }
            var items = new List<JsonObject>();
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject item)
                    items.Add(item);
                else
                    errors.Set($"{kind}[{i}]", $"{kind}[{i}] must be a mapping of fields");
            }
            lists[kind] = items;
        }
        if (errors.Count > 0)
            return null;

        CheckFields<CheckConfig>(lists, Checks, errors);
        CheckFields<RuleConfig>(lists, AlertRules, errors);
        CheckFields<ChannelConfig>(lists, Channels, errors);
        CheckFields<StatusPageConfig>(lists, StatusPages, errors);
        if (errors.Count > 0)
            return null;

        ReadSecrets(lists, errors);
        if (errors.Count > 0)
            return null;

        return new ConfigFile(
            lists.ContainsKey(Checks) ? Bind<CheckConfig>(lists[Checks], Checks, errors) : null,
            lists.ContainsKey(AlertRules) ? Bind<RuleConfig>(lists[AlertRules], AlertRules, errors) : null,
            lists.ContainsKey(Channels) ? Bind<ChannelConfig>(lists[Channels], Channels, errors) : null,
            lists.ContainsKey(StatusPages) ? Bind<StatusPageConfig>(lists[StatusPages], StatusPages, errors) : null);
    }

    private static void CheckFields<T>(Dictionary<string, List<JsonObject>> lists, string kind, ValidationErrors errors)
    {
        if (!lists.TryGetValue(kind, out var items))
            return;
        var schema = FieldSchema.Of<T>();
        for (var i = 0; i < items.Count && errors.Count <= MaxErrors; i++)
            schema.Check(items[i], $"{kind}[{i}]", (path, message) =>
            {
                if (errors.Count <= MaxErrors)
                    errors.Set(path, message);
            });
    }

    private static List<T> Bind<T>(List<JsonObject> items, string kind, ValidationErrors errors)
    {
        var bound = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                bound.Add(items[i].Deserialize<T>(Json)!);
            }
            catch (ArgumentException)
            {
                errors.Set($"{kind}[{i}]", $"{kind}[{i}] holds a value that is out of range");
            }
            catch (JsonException ex)
            {
                var rest = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : ex.Path[1..];
                errors.Set($"{kind}[{i}]{rest}", $"{(rest.Length > 0 ? rest[1..] : kind)} has the wrong type");
            }
        }
        return bound;
    }

    /// <summary>
    /// A secret is never written in a file that lives in version control: it is <c>${NAME}</c>, read here from the
    /// server's environment, or left out. Only secret fields are read from the environment, and only variables named
    /// <c>LINKWATCH_...</c>, so a file can neither show a variable's value (in a target, a label, an error) nor use
    /// the server's own secrets.
    /// </summary>
    private void ReadSecrets(Dictionary<string, List<JsonObject>> lists, ValidationErrors errors)
    {
        void Read(JsonObject? map, IEnumerable<string> secrets, string path)
        {
            if (map is null)
                return;
            foreach (var secret in secrets)
            {
                if (!map.TryGetPropertyValue(secret, out var value) || value is null)
                    continue;
                var at = $"{path}.{secret}";
                if (!(value is JsonValue v && v.TryGetValue<string>(out var text) && Reference().Match(text) is { Success: true } reference))
                {
                    errors.Set(at, $"{secret} is a secret: give it as ${{{EnvironmentPrefix}NAME}} (read from the server's environment) or leave it out to keep the stored value");
                    continue;
                }
                var name = reference.Groups[1].Value;
                if (!AllowedVariable().IsMatch(name))
                    errors.Set(at, $"${{{name}}}: only variables named {EnvironmentPrefix}... are read from the server's environment");
                else if (Environment(name) is not { } found)
                    errors.Set(at, $"${{{name}}} is not set in the server's environment");
                else
                {
                    map[secret] = found;
                    _fromEnvironment.Add(found);
                }
            }
        }
        if (lists.TryGetValue(Checks, out var checks))
        {
            for (var i = 0; i < checks.Count; i++)
            {
                if (checks[i]["kind"] is JsonValue kind && kind.TryGetValue<string>(out var name) && CheckKinds.All.Contains(name))
                    Read(checks[i]["options"] as JsonObject, CheckKindCatalog.SecretsOf(name), $"{Checks}[{i}].options");
            }
        }
        if (lists.TryGetValue(Channels, out var channels))
        {
            for (var i = 0; i < channels.Count; i++)
            {
                if (channels[i]["type"] is JsonValue type && type.TryGetValue<string>(out var name) && registry.Find(name) is { } provider)
                    Read(channels[i]["settings"] as JsonObject, provider.SecretFields, $"{Channels}[{i}].settings");
            }
        }
    }

    // ---- plan ----

    private sealed record ConfigFile(
        List<CheckConfig>? Checks, List<RuleConfig>? Rules, List<ChannelConfig>? Channels, List<StatusPageConfig>? Pages);

    private sealed record CheckStep(CheckConfig File, Check? Stored, long Id, ChecksApi.CheckBody Body, List<string> Fields);

    private sealed record RuleStep(RuleConfig File, AlertRule? Stored, AlertRulesApi.RuleBody Body, List<string> Fields);

    private sealed record ChannelStep(ChannelConfig File, AlertChannel? Stored, string Name, string Type, string Settings, List<string> Fields);

    private sealed record PageStep(StatusPageConfig File, StatusPage? Stored, StatusPagesApi.StatusPageBody Body, List<string> Fields);

    private sealed record Plan(
        Store Store, List<ConfigChange> Changes, List<CheckStep>? Checks, List<RuleStep>? Rules, List<ChannelStep>? Channels,
        List<PageStep>? Pages, List<Check> DeletedChecks, List<AlertRule> DeletedRules, List<AlertChannel> DeletedChannels,
        List<StatusPage> DeletedPages);

    private async Task<Plan?> PlanAsync(ConfigFile file, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var store = await Store.LoadAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        UniqueNames(file.Checks?.Select(c => c.Name), Checks, "name", "check", errors);
        UniqueNames(file.Rules?.Select(r => r.Name), AlertRules, "name", "alert rule", errors);
        UniqueNames(file.Channels?.Select(c => c.Name), Channels, "name", "channel", errors);
        UniqueNames(file.Pages?.Select(p => p.Slug), StatusPages, "slug", "status page", errors);
        if (errors.Count > 0)
            return null;

        // Every check name the file may refer to, with its id: the stored one, or a stand-in below zero for a new check.
        var checkIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var checkNames = new Dictionary<long, string>();
        if (file.Checks is { } fileChecks)
        {
            for (var i = 0; i < fileChecks.Count; i++)
            {
                var name = fileChecks[i].Name!.Trim();
                var id = store.CheckByName.TryGetValue(name, out var stored) ? stored.Id : -(i + 1);
                checkIds[name] = id;
                checkNames[id] = name;
            }
        }
        else
        {
            foreach (var (id, name) in store.CheckNames)
            {
                checkIds[name] = id;
                checkNames[id] = name;
            }
        }
        string? NameOf(long id) => checkNames.TryGetValue(id, out var n) ? n : store.NameOfCheck(id);
        var channelNames = file.Channels is { } fc
            ? fc.Select(c => c.Name!.Trim()).ToHashSet(StringComparer.Ordinal)
            : store.Channels.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        var changes = new List<ConfigChange>();
        var plan = new Plan(store, changes, null, null, null, null, [], [], [], []);
        if (file.Channels is { } channels)
            plan = plan with { Channels = PlanChannels(channels, store, errors, changes, plan.DeletedChannels) };
        if (file.Checks is { } checks)
            plan = plan with { Checks = PlanChecks(checks, store, checkIds, NameOf, errors, changes, plan.DeletedChecks, now) };
        if (file.Rules is { } rules)
            plan = plan with { Rules = PlanRules(rules, store, checkIds, channelNames, NameOf, errors, changes, plan.DeletedRules, now) };
        if (file.Pages is { } pages)
            plan = plan with { Pages = PlanPages(pages, store, checkIds, NameOf, errors, changes, plan.DeletedPages, now) };
        if (file.Rules is null && errors.Count == 0)
            RefuseOrphanedRules(plan, errors);
        return errors.Count > 0 ? null : plan;
    }

    /// <summary>
    /// A file is judged whole: a check or channel it deletes must not be one that a stored alert rule, which the file
    /// does not list, still watches or sends to.
    /// </summary>
    private static void RefuseOrphanedRules(Plan plan, ValidationErrors errors)
    {
        var goneChannels = plan.DeletedChannels.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var goneChecks = plan.DeletedChecks.Select(c => c.Id).ToHashSet();
        foreach (var rule in plan.Store.Rules)
        {
            if (StoredJson.ReadList(rule.Channels).FirstOrDefault(goneChannels.Contains) is { } channel)
                errors.Add(Channels, $"alert rule '{rule.Name}' sends to channel '{channel}', which this file deletes: keep the channel, or list alertRules in the file too");
            if (rule.CheckId is { } id && goneChecks.Contains(id))
                errors.Add(Checks, $"alert rule '{rule.Name}' watches check '{plan.Store.CheckNames[id]}', which this file deletes: keep the check, or list alertRules in the file too");
        }
    }

    private static void UniqueNames(IEnumerable<string?>? names, string kind, string field, string what, ValidationErrors errors)
    {
        if (names is null)
            return;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var raw in names)
        {
            var name = raw?.Trim();
            if (string.IsNullOrEmpty(name))
                errors.Set($"{kind}[{i}].{field}", $"{field} is required");
            else if (seen.TryGetValue(name, out var first))
                errors.Set($"{kind}[{i}].{field}", $"{kind}[{first}] is already the {what} '{name}': {field}s are unique in a config file");
            else
                seen[name] = i;
            i++;
        }
    }

    private static void Prefixed(ValidationErrors local, string path, ValidationErrors errors, Func<string, string>? rename = null)
    {
        foreach (var (field, messages) in local.Fields)
        {
            var name = rename?.Invoke(field) ?? field;
            foreach (var message in messages)
                errors.Add($"{path}.{name}", rename is null ? message : message.Replace(field, name, StringComparison.Ordinal));
        }
    }

    private List<ChannelStep> PlanChannels(
        List<ChannelConfig> channels, Store store, ValidationErrors errors, List<ConfigChange> changes, List<AlertChannel> deleted)
    {
        var steps = new List<ChannelStep>();
        for (var i = 0; i < channels.Count; i++)
        {
            var c = channels[i];
            var path = $"{Channels}[{i}]";
            var local = new ValidationErrors();
            var name = local.Name(c.Name);
            var provider = c.Type is null ? null : registry.Find(c.Type);
            if (provider is null)
                local.Set("type", $"type must be one of: {string.Join(", ", registry.Types.Order(StringComparer.Ordinal))}");
            var settings = c.Settings ?? JsonDocument.Parse("{}").RootElement;
            if (settings.ValueKind != JsonValueKind.Object)
                local.Set("settings", "settings must be a mapping of the type's settings");
            store.ChannelByName.TryGetValue(name ?? "", out var stored);
            if (provider is not null && local.Count == 0)
            {
                if (stored?.Type == provider.Type)
                    settings = ChannelSecrets.KeepOmitted(settings, protection.Reveal(stored.Settings) ?? "{}", provider);
                ChannelValidator.ValidateSettings(provider, settings, local);
            }
            Prefixed(local, path, errors);
            if (local.Count > 0)
                continue;
            var json = settings.GetRawText();
            var wanted = ChannelNode(new AlertChannel { Name = name!, Type = provider!.Type, Settings = "" }, name!, json);
            var revealed = stored is null ? null : protection.Reveal(stored.Settings) ?? "{}";
            var fields = FieldsOf(stored is null ? null : ChannelNode(stored, store.ChannelNames[stored.Id], revealed), wanted, stored?.Name != name);
            if (stored?.Type == provider.Type)
                fields.AddRange(ChangedSecrets(revealed!, json, provider.SecretFields).Select(s => "settings." + s).Where(f => !fields.Contains(f)));
            steps.Add(new ChannelStep(c, stored, name!, provider.Type, json, fields));
            Record(changes, stored is null ? "create" : "update", "channel", name!, fields);
        }
        Unmatched(store.Channels, steps.Select(s => s.Stored), c => store.ChannelNames[c.Id], "channel", deleted, changes);
        return steps;
    }

    private List<CheckStep> PlanChecks(
        List<CheckConfig> checks, Store store, Dictionary<string, long> checkIds, Func<long, string?> nameOf, ValidationErrors errors,
        List<ConfigChange> changes, List<Check> deleted, DateTimeOffset now)
    {
        var steps = new List<CheckStep>();
        var parents = new Dictionary<long, List<long>>();
        for (var i = 0; i < checks.Count; i++)
        {
            var c = checks[i];
            var path = $"{Checks}[{i}]";
            var name = c.Name!.Trim();
            var id = checkIds[name];
            var stored = id > 0 ? store.CheckById[id] : null;
            var local = new ValidationErrors();
            var dependsOn = new List<long>();
            foreach (var parent in c.DependsOn ?? [])
            {
                if (!checkIds.TryGetValue(parent?.Trim() ?? "", out var parentId))
                    local.Set("dependsOn", $"dependsOn names '{parent}', which is not a check in this file");
                else if (parentId == id)
                    local.Set("dependsOn", "a check cannot depend on itself");
                else
                    dependsOn.Add(parentId);
            }
            if (dependsOn.Count > CheckDependencies.MaxParents)
                local.Set("dependsOn", $"dependsOn takes at most {CheckDependencies.MaxParents} checks");
            parents[id] = dependsOn;
            var body = new ChecksApi.CheckBody(
                name, c.Kind, c.Target, c.IntervalSeconds, c.TimeoutSeconds, c.Family, c.Enabled, c.Options, c.Agents, c.Labels,
                c.Badges ?? false, dependsOn);
            CheckValidator.Validate(body, local);
            Prefixed(local, path, errors);
            if (local.Count > 0)
                continue;
            var options = CheckSecrets.KeepOmitted(body.Kind!, body.Options, stored?.Kind ?? "", stored?.Options);
            body = body with { Options = options };
            var scratch = new Check { Name = "", Kind = "", Target = "", Badges = false };
            ChecksApi.Apply(body, scratch, now.ToUnixTimeMilliseconds());
            var wanted = CheckNode(scratch, name, nameOf);
            var fields = FieldsOf(stored is null ? null : CheckNode(stored, store.CheckNames[stored.Id], nameOf), wanted, stored?.Name != name);
            if (stored?.Kind == scratch.Kind)
                fields.AddRange(ChangedSecrets(stored.Options, scratch.Options, CheckKindCatalog.SecretsOf(scratch.Kind))
                    .Select(s => "options." + s).Where(f => !fields.Contains(f)));
            steps.Add(new CheckStep(c, stored, id, body, fields));
            Record(changes, stored is null ? "create" : "update", "check", name, fields);
        }
        if (errors.Count == 0 && Cycle(parents) is { } looped)
            errors.Set($"{Checks}[{checks.FindIndex(c => c.Name!.Trim() == nameOf(looped))}].dependsOn",
                "dependsOn makes a cycle: following the parents leads back to this check");
        Unmatched(store.Checks, steps.Select(s => s.Stored), c => store.CheckNames[c.Id], "check", deleted, changes);
        return steps;
    }

    private static long? Cycle(Dictionary<long, List<long>> parents)
    {
        var state = new Dictionary<long, int>();
        long? found = null;
        bool Visit(long id)
        {
            if (state.TryGetValue(id, out var s))
                return s == 1;
            state[id] = 1;
            foreach (var parent in parents.GetValueOrDefault(id) ?? [])
            {
                if (Visit(parent))
                {
                    found ??= id;
                    return true;
                }
            }
            state[id] = 2;
            return false;
        }
        foreach (var id in parents.Keys)
        {
            if (Visit(id))
                return found;
        }
        return null;
    }

    private List<RuleStep> PlanRules(
        List<RuleConfig> rules, Store store, Dictionary<string, long> checkIds, HashSet<string> channelNames, Func<long, string?> nameOf,
        ValidationErrors errors, List<ConfigChange> changes, List<AlertRule> deleted, DateTimeOffset now)
    {
        var steps = new List<RuleStep>();
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var path = $"{AlertRules}[{i}]";
            var name = r.Name!.Trim();
            var local = new ValidationErrors();
            long? checkId = null;
            if (r.Check is { } checkName)
            {
                if (checkIds.TryGetValue(checkName.Trim(), out var id))
                    checkId = id;
                else
                    local.Set("check", $"no check named '{checkName}'");
            }
            var body = new AlertRulesApi.RuleBody(
                name, checkId ?? (r.Check is null ? null : long.MaxValue), r.Labels, r.OpenAfterFailures, r.ResolveAfterSuccesses, r.Quorum,
                r.Verdicts, r.Channels, r.ReminderMinutes, r.LatencyPhase, r.LatencyThresholdMs, r.Enabled, r.AgentOffline, r.Agents,
                r.OfflineAfterSeconds);
            RuleValidator.Validate(body, local);
            if (!local.Has("channels") && r.Channels?.Where(c => !channelNames.Contains(c)).ToList() is { Count: > 0 } missing)
                local.Set("channels", $"no channel named {string.Join(", ", missing.Select(m => $"'{m}'"))}");
            Prefixed(local, path, errors, field => field == "checkId" ? "check" : field);
            if (local.Count > 0)
                continue;
            store.RuleByName.TryGetValue(name, out var stored);
            var scratch = new AlertRule { Name = "", CreatedAt = now.ToUnixTimeMilliseconds() };
            AlertRulesApi.Apply(body, scratch);
            var wanted = RuleNode(scratch, name, nameOf);
            var fields = FieldsOf(stored is null ? null : RuleNode(stored, store.RuleNames[stored.Id], nameOf), wanted, stored?.Name != name);
            steps.Add(new RuleStep(r, stored, body, fields));
            Record(changes, stored is null ? "create" : "update", "alertRule", name, fields);
        }
        Unmatched(store.Rules, steps.Select(s => s.Stored), r => store.RuleNames[r.Id], "alertRule", deleted, changes);
        return steps;
    }

    private static List<PageStep> PlanPages(
        List<StatusPageConfig> pages, Store store, Dictionary<string, long> checkIds, Func<long, string?> nameOf, ValidationErrors errors,
        List<ConfigChange> changes, List<StatusPage> deleted, DateTimeOffset now)
    {
        var steps = new List<PageStep>();
        for (var i = 0; i < pages.Count; i++)
        {
            var p = pages[i];
            var path = $"{StatusPages}[{i}]";
            var slug = p.Slug!.Trim();
            var stored = store.Pages.FirstOrDefault(s => s.Slug == slug);
            var local = new ValidationErrors();
            var groups = new List<StatusPagesApi.GroupBody>();
            var fileGroups = p.Groups ?? [];
            for (var g = 0; g < fileGroups.Count; g++)
            {
                var ids = new List<long>();
                foreach (var check in fileGroups[g]?.Checks ?? [])
                {
                    if (checkIds.TryGetValue(check?.Trim() ?? "", out var id))
                        ids.Add(id);
                    else
                        local.Set($"groups[{g}].checks", $"no check named '{check}'");
                }
                groups.Add(new StatusPagesApi.GroupBody(fileGroups[g]?.Name, ids));
            }
            var storedNotices = stored is null ? [] : StatusPageJson.ReadNotices(stored.Notices);
            var notices = (p.Notices ?? []).Select(n => new StatusPagesApi.NoticeBody(
                n?.Title, n?.Body, n?.At ?? storedNotices.FirstOrDefault(s => s.Title == n?.Title?.Trim())?.At ?? now)).ToList();
            var body = new StatusPagesApi.StatusPageBody(slug, p.Title, p.Description, p.Public, p.ShowAgents, groups, notices);
            StatusPageValidator.Validate(body, local);
            Prefixed(local, path, errors);
            if (local.Count > 0)
                continue;
            var scratch = new StatusPage { Slug = slug, Title = "" };
            StatusPagesApi.Apply(body, scratch, now);
            var wanted = PageNode(scratch, nameOf);
            var fields = FieldsOf(stored is null ? null : PageNode(stored, nameOf), wanted, renamed: false);
            steps.Add(new PageStep(p, stored, body, fields));
            Record(changes, stored is null ? "create" : "update", "statusPage", slug, fields);
        }
        Unmatched(store.Pages, steps.Select(s => s.Stored), p => p.Slug, "statusPage", deleted, changes);
        return steps;
    }

    private static void Record(List<ConfigChange> changes, string op, string kind, string name, List<string> fields)
    {
        if (op == "create" || fields.Count > 0)
            changes.Add(new ConfigChange(op, kind, name, fields));
    }

    /// <summary>
    /// A create lists every field it sets; an update the fields that differ, and <c>name</c> first when the file's
    /// name is the one the export made unique (a second stored "web" matched as "web (2)").
    /// </summary>
    private static List<string> FieldsOf(JsonObject? stored, JsonObject wanted, bool renamed)
    {
        if (stored is null)
            return [.. wanted.Select(p => p.Key)];
        var fields = Differences(stored, wanted);
        if (renamed && !fields.Contains("name"))
            fields.Insert(0, "name");
        return fields;
    }

    /// <summary>The stored objects of a listed kind that no object of the file matched: they are deleted.</summary>
    private static void Unmatched<T>(IEnumerable<T> stored, IEnumerable<T?> matched, Func<T, string> nameOf, string kind,
        List<T> deleted, List<ConfigChange> changes) where T : class
    {
        var kept = matched.OfType<T>().ToHashSet();
        foreach (var stale in stored.Where(o => !kept.Contains(o)))
        {
            deleted.Add(stale);
            changes.Add(new ConfigChange("delete", kind, nameOf(stale), []));
        }
    }

    /// <summary>The fields whose values differ; inside options, settings and labels, the keys that differ.</summary>
    private static List<string> Differences(JsonObject stored, JsonObject wanted)
    {
        var fields = new List<string>();
        foreach (var key in stored.Select(p => p.Key).Union(wanted.Select(p => p.Key)))
        {
            var before = stored[key];
            var after = wanted[key];
            if (Canonical(before) == Canonical(after))
                continue;
            if (key is "options" or "settings" or "labels" && (before is JsonObject or null) && (after is JsonObject or null))
            {
                var a = before as JsonObject ?? [];
                var b = after as JsonObject ?? [];
                fields.AddRange(a.Select(p => p.Key).Union(b.Select(p => p.Key))
                    .Where(k => Canonical(a[k]) != Canonical(b[k])).Select(k => $"{key}.{k}"));
            }
            else
                fields.Add(key);
        }
        return fields;
    }

    private static IEnumerable<string> ChangedSecrets(string storedJson, string wantedJson, IEnumerable<string> secrets)
    {
        var stored = JsonNode.Parse(string.IsNullOrEmpty(storedJson) ? "{}" : storedJson) as JsonObject ?? [];
        var wanted = JsonNode.Parse(string.IsNullOrEmpty(wantedJson) ? "{}" : wantedJson) as JsonObject ?? [];
        return secrets.Where(s => Canonical(stored[s]) != Canonical(wanted[s]));
    }

    /// <summary>A value's JSON with object keys sorted, so key order never counts as a change.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    // ---- apply ----

    /// <summary>What the rest of the server hears of once an apply is committed.</summary>
    private sealed record Effects(List<IReadOnlyList<string>> AgentLists, List<Check> ChangedChecks, List<Alert> Closed, bool RulesChanged);

    /// <summary>The plan's writes, in the caller's transaction.</summary>
    private async Task<Effects> ApplyAsync(Plan plan, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var agentLists = new List<IReadOnlyList<string>>();
        var changedChecks = new List<Check>();
        var closed = new List<Alert>();

        // Deletes first, and saved, so a new object may take a deleted one's name or slug.
        db.StatusPages.RemoveRange(plan.DeletedPages);
        foreach (var rule in plan.DeletedRules)
        {
            closed.AddRange(await AlertRulesApi.CloseOpenAlertsAsync(db, rule.Id, time, cancellationToken));
            db.AlertRules.Remove(rule);
        }
        foreach (var check in plan.DeletedChecks)
        {
            agentLists.Add(StoredJson.ReadList(check.Agents));
            changedChecks.Add(check);
            db.Checks.Remove(check);
        }
        db.Channels.RemoveRange(plan.DeletedChannels);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var step in plan.Channels ?? [])
        {
            if (step.Fields.Count == 0)
                continue;
            var channel = step.Stored ?? db.Channels.Add(new AlertChannel { Name = "", Type = "", Settings = "", CreatedAt = nowMs }).Entity;
            channel.Name = step.Name;
            channel.Type = step.Type;
            if (step.Stored is null || protection.Reveal(channel.Settings) != step.Settings)
                channel.Settings = protection.Protect(step.Settings);
        }

        // Checks: new ones get their ids on the first save; parents that are new checks are written once those are known.
        var ids = new Dictionary<long, Check>();
        foreach (var step in plan.Checks ?? [])
        {
            var check = step.Stored;
            if (step.Fields.Count > 0)
            {
                if (check is null)
                    check = db.Checks.Add(new Check { Name = "", Kind = "", Target = "", CreatedAt = nowMs }).Entity;
                else
                    agentLists.Add(StoredJson.ReadList(check.Agents));
                ChecksApi.Apply(step.Body with { DependsOn = step.Body.DependsOn!.Where(id => id > 0).ToList() }, check, nowMs);
                agentLists.Add(StoredJson.ReadList(check.Agents));
                changedChecks.Add(check);
            }
            ids[step.Id] = check!;
        }
        await db.SaveChangesAsync(cancellationToken);
        long Real(long id) => id > 0 ? id : ids[id].Id;
        foreach (var step in (plan.Checks ?? []).Where(s => s.Fields.Count > 0 && s.Body.DependsOn!.Any(id => id < 0)))
            ids[step.Id].DependsOn = CheckDependencies.Write(step.Body.DependsOn!.Select(Real));

        foreach (var step in plan.Rules ?? [])
        {
            if (step.Fields.Count == 0)
                continue;
            var body = step.Body with { CheckId = step.Body.CheckId is { } id ? Real(id) : null };
            if (step.Stored is { } rule)
            {
                var watched = AlertRulesApi.WatchedBy(rule);
                AlertRulesApi.Apply(body, rule);
                if (AlertRulesApi.WatchedBy(rule) != watched)
                    closed.AddRange(await AlertRulesApi.CloseOpenAlertsAsync(db, rule.Id, time, cancellationToken));
            }
            else
            {
                var created = new AlertRule { Name = "", CreatedAt = nowMs };
                AlertRulesApi.Apply(body, created);
                db.AlertRules.Add(created);
            }
        }

        foreach (var step in plan.Pages ?? [])
        {
            if (step.Fields.Count == 0)
                continue;
            var body = step.Body with
            {
                Groups = [.. step.Body.Groups!.Select(g => g with { Checks = [.. g.Checks!.Select(Real)] })],
            };
            var page = step.Stored ?? db.StatusPages.Add(new StatusPage { Slug = "", Title = "", CreatedAt = nowMs }).Entity;
            StatusPagesApi.Apply(body, page, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Effects(agentLists, changedChecks, closed, plan.Rules is not null);
    }

    /// <summary>
    /// Once committed: the alert engine reads the new rules and open pages hear of closed alerts and changed checks
    /// first, then agents are sent their new assignments. None of it is the caller's to cancel: the change is made.
    /// </summary>
    private async Task AnnounceAsync(Effects effects)
    {
        if (effects.RulesChanged)
            ruleCache.Invalidate();
        AlertRulesApi.Announce(live, effects.Closed);
        pageCache.Clear();
        if (effects.ChangedChecks.Count == 0)
            return;
        live.Publish(new ChecksChanged([.. effects.ChangedChecks.Select(c => c.Id).Distinct()]));
        await publisher.PublishAsync(effects.AgentLists, CancellationToken.None);
    }

    // ---- the objects as the file shows them ----

    private static JsonObject CheckNode(Check c, string name, Func<long, string?> nameOf)
    {
        var node = new JsonObject { ["name"] = name, ["kind"] = c.Kind };
        if (c.Kind != CheckKinds.Push || c.Target.Length > 0)
            node["target"] = c.Target;
        node["intervalSeconds"] = c.IntervalSeconds;
        node["timeoutSeconds"] = c.TimeoutSeconds;
        node["family"] = c.Family;
        node["enabled"] = c.Enabled;
        var options = CheckSecrets.Shown(c.Kind, StoredJson.ReadOptions(c.Options));
        if (options.Count > 0)
            node["options"] = new JsonObject(options.Select(o => KeyValuePair.Create(o.Key, JsonNode.Parse(o.Value.GetRawText()))));
        if (StoredJson.ReadList(c.Agents) is { Count: > 0 } agents)
            node["agents"] = new JsonArray([.. agents.Select(a => JsonValue.Create(a))]);
        if (StoredJson.ReadLabels(c.Labels) is { Count: > 0 } labels)
            node["labels"] = Labels(labels);
        if (c.Badges)
            node["badges"] = true;
        if (CheckDependencies.Read(c.DependsOn) is { Count: > 0 } parents)
            node["dependsOn"] = new JsonArray([.. parents.Select(p => JsonValue.Create(nameOf(p) ?? Deleted(p)))]);
        return node;
    }

    private static JsonObject RuleNode(AlertRule r, string name, Func<long, string?> nameOf)
    {
        var node = new JsonObject { ["name"] = name };
        var labels = StoredJson.ReadLabels(r.Labels);
        if (r.AgentOffline)
        {
            node["agentOffline"] = true;
            if (StoredJson.ReadList(r.Agents) is { Count: > 0 } agents)
                node["agents"] = new JsonArray([.. agents.Select(a => JsonValue.Create(a))]);
            if (labels.Count > 0)
                node["labels"] = Labels(labels);
            node["offlineAfterSeconds"] = r.OfflineAfterSeconds;
        }
        else
        {
            if (r.CheckId is { } checkId)
                node["check"] = nameOf(checkId) ?? Deleted(checkId);
            else
                node["labels"] = Labels(labels);
            node["openAfterFailures"] = r.OpenAfterFailures;
            node["resolveAfterSuccesses"] = r.ResolveAfterSuccesses;
            node["quorum"] = r.Quorum;
            if (StoredJson.ReadList(r.Verdicts) is { Count: > 0 } verdicts)
                node["verdicts"] = new JsonArray([.. verdicts.Select(v => JsonValue.Create(v))]);
            if (r.LatencyPhase is not null)
            {
                node["latencyPhase"] = r.LatencyPhase;
                node["latencyThresholdMs"] = r.LatencyThresholdMs;
            }
        }
        node["channels"] = new JsonArray([.. StoredJson.ReadList(r.Channels).Select(c => JsonValue.Create(c))]);
        node["reminderMinutes"] = r.ReminderMinutes;
        node["enabled"] = r.Enabled;
        return node;
    }

    private JsonObject ChannelNode(AlertChannel c, string name, string? revealed = null)
    {
        // A type this server does not know (a store from another version) has no known secrets: none of its values are shown.
        var provider = registry.Find(c.Type);
        var settings = provider is null ? [] : JsonNode.Parse(revealed ?? protection.Reveal(c.Settings) ?? "{}") as JsonObject ?? [];
        var secrets = provider?.SecretFields ?? [];
        foreach (var key in settings.Select(p => p.Key).Where(k => secrets.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
            settings.Remove(key);
        return new JsonObject { ["name"] = name, ["type"] = c.Type, ["settings"] = settings };
    }

    private static JsonObject PageNode(StatusPage p, Func<long, string?> nameOf)
    {
        var node = new JsonObject { ["slug"] = p.Slug, ["title"] = p.Title };
        if (p.Description is not null)
            node["description"] = p.Description;
        node["public"] = p.Public;
        node["showAgents"] = p.ShowAgents;
        node["groups"] = new JsonArray([.. StatusPageJson.ReadGroups(p.Groups).Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Name,
            // A check deleted since the page was made shows nowhere on it, so the file does not list it either.
            ["checks"] = new JsonArray([.. g.Checks.Select(nameOf).OfType<string>().Select(n => JsonValue.Create(n))]),
        })]);
        if (StatusPageJson.ReadNotices(p.Notices) is { Count: > 0 } notices)
            node["notices"] = new JsonArray([.. notices.Select(n => (JsonNode)new JsonObject
            {
                ["title"] = n.Title,
                ["body"] = n.Body,
                ["at"] = n.At.UtcDateTime.ToString(UtcMillisecondsDateTimeOffsetConverter.Format, CultureInfo.InvariantCulture),
            })]);
        return node;
    }

    /// <summary>A reference to a check deleted since: no file can name it, so applying the export says what to fix.</summary>
    private static string Deleted(long id) => $"(deleted check {id})";

    private static JsonObject Labels(IReadOnlyDictionary<string, string> labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))));

    // ---- the store as the file names it ----

    /// <summary>
    /// The stored objects and the names a file calls them by: their own, made unique per kind in id order (a second
    /// "web" is "web (2)"), since a file matches objects by name.
    /// </summary>
    private sealed class Store
    {
        public required List<Check> Checks { get; init; }
        public required List<AlertRule> Rules { get; init; }
        public required List<AlertChannel> Channels { get; init; }
        public required List<StatusPage> Pages { get; init; }
        public required Dictionary<long, string> CheckNames { get; init; }
        public required Dictionary<long, string> RuleNames { get; init; }
        public required Dictionary<long, string> ChannelNames { get; init; }
        public Dictionary<long, Check> CheckById => field ??= Checks.ToDictionary(c => c.Id);
        public Dictionary<string, Check> CheckByName => field ??= Checks.ToDictionary(c => CheckNames[c.Id], StringComparer.Ordinal);
        public Dictionary<string, AlertRule> RuleByName => field ??= Rules.ToDictionary(r => RuleNames[r.Id], StringComparer.Ordinal);
        public Dictionary<string, AlertChannel> ChannelByName => field ??= Channels.ToDictionary(c => ChannelNames[c.Id], StringComparer.Ordinal);

        public string? NameOfCheck(long id) => CheckNames.GetValueOrDefault(id);

        public static async Task<Store> LoadAsync(LinkwatchDbContext db, CancellationToken cancellationToken)
        {
            var checks = await db.Checks.OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var rules = await db.AlertRules.OrderBy(r => r.Id).ToListAsync(cancellationToken);
            var channels = await db.Channels.OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var pages = await db.StatusPages.OrderBy(p => p.Slug).ToListAsync(cancellationToken);
            return new Store
            {
                Checks = checks, Rules = rules, Channels = channels, Pages = pages,
                CheckNames = Unique(checks.Select(c => (c.Id, c.Name))),
                RuleNames = Unique(rules.Select(r => (r.Id, r.Name))),
                ChannelNames = Unique(channels.Select(c => (c.Id, c.Name))),
            };
        }

        private static Dictionary<long, string> Unique(IEnumerable<(long Id, string Name)> rows)
        {
            var list = rows.ToList();
            var names = new Dictionary<long, string>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, name) in list)
            {
                var unique = name;
                for (var n = 2; !used.Add(unique); n++)
                    unique = $"{name} ({n})";
                names[id] = unique;
            }
            return names;
        }
    }
}
