using Microsoft.Extensions.Logging;

namespace SignalHarvester.Tests.Discovery;

/// <summary>Collects every category's log lines into one <see cref="ListLogger{T}"/>.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ListLogger<object> Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void Dispose()
    {
    }
}
