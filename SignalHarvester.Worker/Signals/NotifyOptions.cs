namespace SignalHarvester.Worker.Signals;

/// <summary>Section <c>Harvest:Notify</c>: which signals are worth a message.</summary>
public sealed class NotifyOptions
{
    /// <summary>Minimum salience (0..100) for a notification.</summary>
    public double Threshold { get; set; } = 60;

    /// <summary>Only posts created within this many hours; 0 means no limit.</summary>
    public int WithinHours { get; set; } = 48;

    public int MaxPerRun { get; set; } = 25;

    /// <summary>How long a claim holds before another worker may take over (the claimer crashed).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);
}
