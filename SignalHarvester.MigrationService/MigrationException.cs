namespace SignalHarvester.MigrationService;

/// <summary>A failure whose message is already the one line to show the operator.</summary>
internal sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
