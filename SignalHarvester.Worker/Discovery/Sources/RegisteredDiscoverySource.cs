namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>A discovery source as registered (whatever its mode): its name, its configuration section, and what it asks for.</summary>
public sealed record RegisteredDiscoverySource(string Name, string SectionName, Type SourceType, Func<IServiceProvider, string> DescribeRequest);
