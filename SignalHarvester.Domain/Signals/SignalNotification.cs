namespace SignalHarvester.Domain.Signals;

/// <summary>A signal claimed for one notification: what the message shows.</summary>
public sealed record SignalNotification(string Id, string Text, string? AuthorUsername, string? Category, double Salience)
{
    public string Url => XPostUrl.For(AuthorUsername, Id);
}
