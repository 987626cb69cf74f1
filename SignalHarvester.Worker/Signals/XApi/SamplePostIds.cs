namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// Sample posts carry ids X can never issue, so a sample post and a live one are always two rows.
/// X post ids are signed 64-bit numbers (at most 9223372036854775807, 19 digits); a sample's id is
/// its recorded id behind a leading 9, padded to 20 digits. Still all digits, so routes, cursors
/// and <see cref="XPostIds"/> treat it like any id, and ordered like the recorded ids.
/// </summary>
public static class SamplePostIds
{
    private const int Width = 20;

    public static string From(string recordedId) => "9" + recordedId.PadLeft(Width - 1, '0');

    public static bool IsSample(string id) => id.Length == Width && id[0] == '9' && id.All(char.IsAsciiDigit);
}
