namespace Linkwatch.Agent.Cli;

/// <summary>Bad command-line input: the message is the one line printed before exiting with 3.</summary>
internal sealed class BadInputException(string message) : Exception(message);
