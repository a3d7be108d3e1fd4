using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace CsmEvents.Report;

/// <summary>
/// The page's style sheet and script (Report/Assets, embedded in the assembly) and the SHA-256 hashes that the page's
/// Content-Security-Policy allows them by: with hashes, only this exact script and style can run, so text that found
/// its way into the page as markup (it cannot, see <see cref="HtmlText"/>) still could not execute.
/// </summary>
internal static class ReportAssets
{
    private static readonly Lazy<(string Css, string Js)> Loaded = new(Load);

    public static string Css => Loaded.Value.Css;

    public static string Js => Loaded.Value.Js;

    /// <summary><c>'sha256-BASE64'</c> of the exact text between the element's tags.</summary>
    public static string Hash(string content)
    {
        using var sha = SHA256.Create();
        return "'sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(content))) + "'";
    }

    private static (string, string) Load()
    {
        string css = Read("report.css");
        string js = Read("report.js");
        // Either would end its element early and spill the rest into the page as markup.
        if (css.IndexOf("</style", StringComparison.OrdinalIgnoreCase) >= 0) throw new InvalidOperationException("report.css contains </style");
        if (js.IndexOf("</script", StringComparison.OrdinalIgnoreCase) >= 0 || js.IndexOf("<!--", StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("report.js contains </script or <!--");
        }
        return (css, js);
    }

    private static string Read(string name)
    {
        var assembly = typeof(ReportAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream("CsmEvents.Report.Assets." + name)
            ?? throw new InvalidOperationException("missing embedded resource Report/Assets/" + name);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        // Line ends as LF whatever the checkout did, so the hash is the same on every machine.
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
