using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace Linkwatch.Server.Accounts.TwoFactor;

/// <summary>
/// What an authenticator app needs to know: the shared key (Identity's, base32) as text to type and as an
/// <c>otpauth://</c> URI in a QR code to scan. TOTP as the apps expect by default: HMAC-SHA1, 30 s, 6 digits.
/// </summary>
public static class Authenticator
{
    public const string Issuer = "Linkwatch";
    public const int CodeDigits = 6;
    /// <summary>The number of recovery codes a person gets, each good for one sign-in without the app.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary><c>otpauth://totp/Linkwatch:{email}?secret=...&amp;issuer=Linkwatch</c> (Google's Key Uri Format).</summary>
    public static string Uri(string email, string key) =>
        $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits={CodeDigits}";

    /// <summary>The key in groups of four, lower case, as it is easiest to type: "abcd efgh ...".</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
                text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The QR code of <paramref name="uri"/> as a PNG data URI: drawn on the server, so no script and no request elsewhere.</summary>
    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>
    /// What a person typed at the two-factor step: six digits (spaces allowed) are an authenticator code; anything else
    /// is taken as a recovery code, which Identity stores as <c>XXXXX-XXXXX</c> in upper case (the dash may be left out).
    /// </summary>
    public static (bool IsAuthenticatorCode, string Code) Normalize(string typed)
    {
        var compact = new string(typed.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.Length == CodeDigits && compact.All(char.IsAsciiDigit))
            return (true, compact);
        var recovery = compact.ToUpperInvariant();
        if (recovery.Length == 10 && !recovery.Contains('-'))
            recovery = recovery[..5] + "-" + recovery[5..];
        return (false, recovery);
    }
}
