using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Options;

/// <summary>
/// A newcomer's server needs an API key and an enrollment token before anyone has configured
/// them. When <c>Api:BootstrapKey</c> or <c>Enrollment:Token</c> is unset, the server uses one kept
/// in a file under <c>Storage:DataDir</c> (owner-only), created on the first start and printed
/// once then. Configuration always wins over the file.
/// </summary>
public sealed partial class GeneratedSecrets(IOptions<StorageOptions> storage, ILogger<GeneratedSecrets> logger)
    : IPostConfigureOptions<ApiOptions>, IPostConfigureOptions<EnrollmentOptions>
{
    public const string ApiKeyFile = "api-key";
    public const string EnrollmentTokenFile = "enrollment-token";

    public void PostConfigure(string? name, ApiOptions options)
    {
        if (string.IsNullOrEmpty(options.BootstrapKey))
            options.BootstrapKey = ReadOrCreate(ApiKeyFile, "lwk_", "API key (Api:BootstrapKey)");
    }

    public void PostConfigure(string? name, EnrollmentOptions options)
    {
        if (string.IsNullOrEmpty(options.Token))
            options.Token = ReadOrCreate(EnrollmentTokenFile, "lwe_", "enrollment token (Enrollment:Token)");
    }

    private string ReadOrCreate(string fileName, string prefix, string what)
    {
        var directory = Path.GetFullPath(storage.Value.DataDir);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= SecretRules.MinLength)
                return existing;
        }
        Store.DataDirectory.Ensure(directory);
        var secret = prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, secret + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Log.Created(logger, what, secret, path);
        return secret;
    }
}
