using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Linkwatch.Shared.Kinds.ClosePropagation;
using Linkwatch.Shared.Kinds.Dns;
using Linkwatch.Shared.Kinds.Grpc;
using Linkwatch.Shared.Kinds.HalfClose;
using Linkwatch.Shared.Kinds.Http;
using Linkwatch.Shared.Kinds.Icmp;
using Linkwatch.Shared.Kinds.Push;
using Linkwatch.Shared.Kinds.Resolve;
using Linkwatch.Shared.Kinds.Tcp;
using Linkwatch.Shared.Kinds.Tls;
using Linkwatch.Shared.Kinds.Udp;
using Linkwatch.Shared.Kinds.WebSocket;

namespace Linkwatch.Shared.Kinds;

/// <summary>
/// Every check kind's descriptor, and the one validation of a check's run-time input that the API and
/// the agent (its scheduler and its <c>check</c> verb) share, so a check the server accepts is one
/// every agent can run, and both name a bad field the same way.
/// </summary>
public static class CheckKindCatalog
{
    /// <summary>Every kind, in the order of <see cref="CheckKinds.All"/>.</summary>
    public static IReadOnlyList<ICheckKind> All { get; } =
    [
        TcpOptions.Descriptor, TlsOptions.Descriptor, HttpOptions.Descriptor, WebSocketOptions.Descriptor,
        DnsOptions.Descriptor, UdpOptions.Descriptor, HalfCloseOptions.Descriptor, ClosePropagationOptions.Descriptor,
        ResolveOptions.Descriptor, IcmpOptions.Descriptor, GrpcOptions.Descriptor, PushOptions.Descriptor,
    ];

    private static readonly FrozenDictionary<string, ICheckKind> ByName =
        All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The descriptor of <paramref name="name"/> (exact, lower case).</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out ICheckKind? kind)
    {
        kind = null;
        return name is not null && ByName.TryGetValue(name, out kind);
    }

    /// <summary>
    /// All problems with one run of a check, each naming its field (<c>kind</c>, <c>target</c>,
    /// <c>timeout</c>, <c>family</c>) or option (by its camelCase name); empty when valid, and then
    /// <paramref name="check"/> holds the parsed target and the typed options.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(string kind, string target, string family, TimeSpan timeout,
        IReadOnlyDictionary<string, JsonElement> options, out ValidCheck? check)
    {
        check = null;
        var found = new List<ValidationError>();
        ParsedTarget? parsed = null;
        if (!TryGet(kind, out var descriptor))
            found.Add(new("kind", $"unknown kind '{kind}'; known kinds: {string.Join(", ", CheckKinds.All)}"));
        else if (!Targets.TryParse(kind, target, out parsed, out var targetError))
            found.Add(new("target", targetError));

        var seconds = timeout.TotalSeconds;
        if (seconds <= 0)
            found.Add(new("timeout", "timeout must be greater than 0 seconds"));
        else if (seconds > CheckSpec.MaxTimeoutSeconds)
            found.Add(new("timeout", string.Create(CultureInfo.InvariantCulture,
                $"timeout must be at most {CheckSpec.MaxTimeoutSeconds} seconds")));

        if (!Families.IsKnown(family))
            found.Add(new("family", $"unknown family '{family}'; use auto, ipv4, ipv6 or both"));
        else if (family != Families.Auto && descriptor is { TakesFamily: false })
            found.Add(new("family", $"family does not apply to kind {kind}"));

        if (descriptor is null)
            return found;
        var reader = new CheckOptionReader(kind, options);
        var typed = descriptor.ReadOptions(reader);
        var maxLatencyMs = LatencyLimit.Read(descriptor, reader);
        found.AddRange(reader.Complete());
        if (found.Count == 0 && parsed is not null)
            check = new ValidCheck(descriptor, parsed, typed) { MaxLatencyMs = maxLatencyMs };
        return found;
    }

    /// <summary>The write-only options of <paramref name="kind"/>: never shown by GET, the audit log or an export.</summary>
    public static IReadOnlyList<string> SecretsOf(string kind) =>
        [.. OptionsOf(kind).Where(o => o.Type == OptionType.Secret).Select(o => o.Name)];

    /// <summary>
    /// The options <paramref name="kind"/> takes, found by reading an empty set of options: each kind reads every
    /// option it knows, so the list is the kind's own and a new option shows up wherever the list is used.
    /// </summary>
    public static IReadOnlyList<OptionSpec> OptionsOf(string kind)
    {
        if (!TryGet(kind, out var descriptor))
            return [];
        var reader = new CheckOptionReader(kind, new Dictionary<string, JsonElement>());
        descriptor.ReadOptions(reader);
        LatencyLimit.Read(descriptor, reader);
        return reader.Asked;
    }
}
