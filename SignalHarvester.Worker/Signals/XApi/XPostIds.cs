using System.Globalization;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// X post ids are 64-bit snowflakes sent as decimal strings: newer posts have larger ids, so ids
/// order like numbers, never like text ("999" &lt; "1000").
/// </summary>
public static class XPostIds
{
    /// <summary>Numeric comparison of two decimal ids; a null id is older than every id.</summary>
    public static int Compare(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return (left is null ? 0 : 1) - (right is null ? 0 : 1);
        }

        var a = left.AsSpan().TrimStart('0');
        var b = right.AsSpan().TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }

    public static bool IsNewer(string id, string? than) => Compare(id, than) > 0;

    public static string? Max(string? left, string? right) => Compare(left, right) >= 0 ? left : right;

    /// <summary>The older of two ids, ignoring nulls (null only when both are null).</summary>
    public static string? Min(string? left, string? right) =>
        left is null ? right : right is null ? left : Compare(left, right) <= 0 ? left : right;

    /// <summary>A post id X can issue: a positive signed 64-bit number in decimal (larger ones are <see cref="SamplePostIds"/>).</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.All(char.IsAsciiDigit) && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0;

    /// <summary>
    /// The creation time a snowflake id encodes (milliseconds since X's epoch in the upper bits).
    /// Used only when a post arrives without <c>created_at</c>.
    /// </summary>
    public static DateTimeOffset? CreatedAt(string id) =>
        ulong.TryParse(id, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value >> 22) + TwitterEpochMilliseconds)
            : null;

    private const long TwitterEpochMilliseconds = 1288834974657;
}
