using System.Text;

namespace SignalHarvester.Worker.Signals.Snapshots;

/// <summary>
/// The <c>sha256sum</c> text format, <c>&lt;hex&gt;  &lt;file name&gt;</c> per line with LF endings, so
/// <c>sha256sum -c signals-{stamp}.sha256</c> run in the snapshot directory verifies the set.
/// </summary>
internal static class Sha256Manifest
{
    public static byte[] Format(IEnumerable<(string FileName, string Sha256)> entries)
    {
        var text = new StringBuilder();
        foreach (var (fileName, sha256) in entries)
        {
            // Two spaces: the separator sha256sum uses for text mode.
            text.Append(sha256).Append("  ").Append(fileName).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
