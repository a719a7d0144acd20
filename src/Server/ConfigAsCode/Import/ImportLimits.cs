using System.Globalization;
using System.Text;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Bounds on what an import reads. Real exports are far smaller (a thousand monitors is a few hundred KiB); the
/// bounds keep a hostile or mistaken upload from taking the server's memory or CPU.
/// </summary>
internal static class ImportLimits
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxItems = 5000;
    /// <summary>Nesting deeper than any real backup or config file; deeper input is refused before it can exhaust the stack.</summary>
    public const int MaxDepth = 64;
    /// <summary>YAML nodes after aliases are expanded: a few times a large real file, far below an alias bomb.</summary>
    public const int MaxExpandedNodes = 1_000_000;

    public static void CheckInput(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ImportFormatException($"the file is empty: not {what}");
        // Cheap first: a string longer than the limit in UTF-16 units is longer in UTF-8 bytes too.
        if (text.Length > MaxBytes || Encoding.UTF8.GetByteCount(text) > MaxBytes)
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the file is larger than {MaxBytes / (1024 * 1024)} MiB; import it in parts"));
    }

    public static void CheckCount(int count, string list, string what)
    {
        if (count > MaxItems)
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{list} holds {count} {what}; at most {MaxItems} can be imported at once"));
    }
}
