namespace Linkwatch.Server.Agents;

partial class EnrollmentTokens
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Minted enrollment token {TokenId} for {Name} valid {Minutes} minutes", EventName = "EnrollmentTokenMinted")]
        public static partial void Minted(ILogger logger, long tokenId, string? name, int minutes);

        [LoggerMessage(2, LogLevel.Information, "Enrollment token {TokenId} deleted", EventName = "EnrollmentTokenDeleted")]
        public static partial void Deleted(ILogger logger, long tokenId);

        [LoggerMessage(3, LogLevel.Information, "Enrollment token {TokenId} spent by agent {Agent}", EventName = "EnrollmentTokenSpent")]
        public static partial void Spent(ILogger logger, long tokenId, string agent);
    }
}
