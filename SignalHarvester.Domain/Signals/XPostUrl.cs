namespace SignalHarvester.Domain.Signals;

/// <summary>A post's address on x.com; X redirects <c>/i/status/{id}</c> when the author's handle is unknown.</summary>
public static class XPostUrl
{
    public static string For(string? authorUsername, string postId) => $"https://x.com/{authorUsername ?? "i"}/status/{postId}";
}
