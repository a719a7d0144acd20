using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Options;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// <c>DataDir/admin-password</c>: the first admin's generated password, owner-only, for a newcomer who missed the log.
/// It is kept until that password is changed, then deleted: a file holding a password that no longer works only misleads.
/// </summary>
public sealed class AdminPasswordFile(IOptions<StorageOptions> storage)
{
    public const string FileName = "admin-password";

    public string Path => System.IO.Path.Combine(System.IO.Path.GetFullPath(storage.Value.DataDir), FileName);

    public async Task<string> WriteAsync(string password, CancellationToken cancellationToken)
    {
        var path = Path;
        DataDirectory.Ensure(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // Created owner-only, not tightened afterwards: no moment at which others can read it.
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, options))
            await file.WriteLineAsync(password.AsMemory(), cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>
    /// Deletes the file when it holds <paramref name="replacedPassword"/>, the password someone has just changed: only
    /// then was it the first admin's generated one (another person's change, or a second change, leaves it alone).
    /// </summary>
    public async Task<bool> ForgetIfItHoldsAsync(string replacedPassword, CancellationToken cancellationToken)
    {
        var path = Path;
        if (!File.Exists(path))
            return false;
        var held = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        if (held.Length == 0 || !Credentials.SecretEquals(replacedPassword, held))
            return false;
        File.Delete(path);
        return true;
    }
}
