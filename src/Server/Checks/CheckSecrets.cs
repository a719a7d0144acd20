using System.Text.Json;
using Linkwatch.Shared.Kinds;

namespace Linkwatch.Server.Checks;

/// <summary>
/// A check's write-only options (the kind's <see cref="OptionType.Secret"/> options: basicAuth, bearer): stored and
/// sent to the agents that run the check, never shown by GET, the dashboard or the audit log, and not lost when a
/// client replaces a check without knowing them.
/// </summary>
public static class CheckSecrets
{
    /// <summary>What the audit log writes for a secret's value.</summary>
    public const string Mask = "***";

    /// <summary>The options without the kind's secrets.</summary>
    public static Dictionary<string, JsonElement> Shown(string kind, Dictionary<string, JsonElement> options)
    {
        var secrets = CheckKindCatalog.SecretsOf(kind);
        if (secrets.Count == 0)
            return options;
        return options.Where(o => !secrets.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The options a replace stores: the update's, plus each secret the stored check of the same kind has and the update
    /// leaves out, unless the update gives a secret of its own (a new credential replaces the old ones, so basicAuth and
    /// bearer never end up stored together). A secret sent as null is removed.
    /// </summary>
    public static Dictionary<string, JsonElement> KeepOmitted(string kind, Dictionary<string, JsonElement>? update,
        string storedKind, string? storedJson)
    {
        var merged = new Dictionary<string, JsonElement>(update ?? [], StringComparer.Ordinal);
        var secrets = CheckKindCatalog.SecretsOf(kind);
        foreach (var secret in secrets.Where(s => merged.TryGetValue(s, out var v) && v.ValueKind == JsonValueKind.Null))
            merged.Remove(secret);
        if (secrets.Count == 0 || kind != storedKind || secrets.Any(s => update?.ContainsKey(s) == true))
            return merged;
        var stored = StoredJson.ReadOptions(storedJson);
        foreach (var secret in secrets)
        {
            if (stored.TryGetValue(secret, out var kept) && kept.ValueKind == JsonValueKind.String)
                merged[secret] = kept;
        }
        return merged;
    }

    /// <summary>
    /// The stored options JSON with the value of every option that is a secret in any kind replaced by <see cref="Mask"/>,
    /// for the audit log: any kind, because the value recorded may be from before the check's kind changed.
    /// </summary>
    public static string Masked(string optionsJson)
    {
        Dictionary<string, JsonElement> options;
        try
        {
            options = StoredJson.ReadOptions(optionsJson);
        }
        catch (JsonException)
        {
            return Mask;
        }
        var secrets = options.Keys.Where(AllSecrets.Contains).ToList();
        if (secrets.Count == 0)
            return optionsJson;
        var mask = JsonSerializer.SerializeToElement(Mask, LinkwatchJsonContext.Default.String);
        foreach (var secret in secrets)
            options[secret] = mask;
        return StoredJson.WriteOptions(options);
    }

    private static readonly HashSet<string> AllSecrets =
        new(CheckKindCatalog.All.SelectMany(k => CheckKindCatalog.SecretsOf(k.Name)), StringComparer.Ordinal);
}
