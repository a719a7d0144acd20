namespace Linkwatch.Server.Agents.Embedded;

/// <summary>
/// The <c>EmbeddedAgent</c> section: the local agent the server runs in its own process, so a
/// fresh install shows live data at once and the server's own host is monitored too.
/// </summary>
public sealed class EmbeddedAgentOptions
{
    public const string Section = "EmbeddedAgent";

    public bool Enabled { get; set; } = true;

    /// <summary>Its agent name; distinct from a host-named standalone agent on the same machine.</summary>
    public string Name { get; set; } = "local";

    /// <summary>On a database with no checks yet, create a few checks of the server itself and its responder.</summary>
    public bool DemoChecks { get; set; } = true;

    /// <summary>
    /// Where its responder listens (ports 7660-7664, see docs/responder.md). Loopback by default:
    /// remote agents can reach it once this is set to an external address or <c>::</c>.
    /// </summary>
    public string ResponderAddress { get; set; } = "127.0.0.1";

    /// <summary>Turns the embedded agent's responder off.</summary>
    public bool Responder { get; set; } = true;
}
