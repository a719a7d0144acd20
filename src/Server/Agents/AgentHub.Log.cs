namespace Linkwatch.Server.Agents;

partial class AgentHub
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Agent {Agent} connected ({ConnectionId})", EventName = "AgentConnected")]
        public static partial void Connected(ILogger logger, string agent, string connectionId);

        [LoggerMessage(2, LogLevel.Information, "Agent {Agent} disconnected ({ConnectionId})", EventName = "AgentDisconnected")]
        public static partial void Disconnected(ILogger logger, string agent, string connectionId);

        [LoggerMessage(3, LogLevel.Information, "Agent {Agent} connected again; closing its previous connection {ConnectionId}",
            EventName = "AgentConnectionReplaced")]
        public static partial void Replaced(ILogger logger, string agent, string connectionId);

        [LoggerMessage(4, LogLevel.Information, "Agent {Agent} advertises a new responder; updating the mesh checks aimed at it",
            EventName = "MeshTargetChanged")]
        public static partial void MeshTargetChanged(ILogger logger, string agent);
    }
}
