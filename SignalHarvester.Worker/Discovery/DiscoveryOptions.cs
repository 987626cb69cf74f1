namespace SignalHarvester.Worker.Discovery;

/// <summary>Section <c>Discovery</c>: the schedule, and names of known experts, whose work earns the expert bonus.</summary>
public sealed class DiscoveryOptions
{
    public List<string> Experts { get; set; } = [];

    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>Run once when the worker starts and no artifact is stored yet.</summary>
    public bool RunOnStartWhenEmpty { get; set; } = true;
}
