namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// Where one service of the staging stack reaches another. The bundle's writers ask this instead of
/// spelling addresses themselves, so the staging rehearsal runs the very same configuration with
/// local addresses (<see cref="Staging.LocalProcessAddresses"/>).
/// </summary>
internal interface IStagingAddresses
{
    /// <summary>
    /// <c>host:port</c> at which <paramref name="seenFrom"/> reaches <paramref name="service"/>'s
    /// container port <paramref name="port"/>; null when that service does not run in this stack.
    /// </summary>
    string? Resolve(string service, int port, string seenFrom);
}
