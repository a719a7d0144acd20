using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Agent.State;

/// <summary>What <c>enroll</c> stores and <c>run</c> needs: the server and this agent's credential.</summary>
public sealed record AgentCredentials
{
    public const string FileName = "credentials.json";

    /// <summary>The server's base http(s) URL.</summary>
    public required string Server { get; init; }
    public required string Name { get; init; }
    public required string Credential { get; init; }
    /// <summary>A PEM file with the CA that signed a self-signed server's certificate.</summary>
    public string? CaFile { get; init; }
    /// <summary>The SHA-256 fingerprint (hex) of the server's certificate, pinned.</summary>
    public string? ServerFingerprint { get; init; }
    /// <summary>The HTTP proxy of the link to the server (<c>enroll --proxy</c>); null: <c>HTTPS_PROXY</c> if set.</summary>
    public string? Proxy { get; init; }

    public static AgentCredentials? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
            return null;
        return JsonSerializer.Deserialize(File.ReadAllText(path), AgentStateJsonContext.Default.AgentCredentials)
            ?? throw new InvalidDataException($"{path} is empty or not valid");
    }

    public void Save(string dataDirectory)
    {
        DataDirectory.Ensure(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, AgentStateJsonContext.Default.AgentCredentials));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
