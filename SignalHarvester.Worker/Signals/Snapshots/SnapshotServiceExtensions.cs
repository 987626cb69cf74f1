using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SignalHarvester.Worker.Signals.Snapshots;

public static class SnapshotServiceExtensions
{
    /// <summary>
    /// Binds <see cref="SnapshotOptions"/> from <c>Harvest:Snapshots</c> (validated at start) and registers
    /// <see cref="SnapshotExporter"/> and <see cref="SnapshotRetention"/> as singletons; both need logging.
    /// <c>Formats</c> may be a list (<c>Formats:0=json</c>) or one comma-separated value (<c>Formats=json,csv</c>).
    /// </summary>
    public static IServiceCollection AddSignalSnapshots(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SnapshotOptions.SectionName);
        services.AddOptions<SnapshotOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                // The binder appends configured list items to the defaults; configured formats replace them instead.
                var formats = ConfiguredFormats(section.GetSection(nameof(SnapshotOptions.Formats)));
                if (formats.Count > 0)
                {
                    o.Formats = formats;
                }
            })
            .Validate(o => o.Formats.Count > 0 && o.Formats.All(SnapshotFormats.IsKnown),
                $"{SnapshotOptions.SectionName}:Formats must list some of {string.Join(", ", SnapshotFormats.All)}.")
            .Validate(o => o.TopCount >= 1, $"{SnapshotOptions.SectionName}:TopCount must be at least 1.")
            .ValidateOnStart();

        services.TryAddSingleton<SnapshotExporter>();
        services.TryAddSingleton<SnapshotRetention>();
        return services;
    }

    private static List<string> ConfiguredFormats(IConfigurationSection formats) =>
        !string.IsNullOrWhiteSpace(formats.Value)
            ? [.. formats.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
            : [.. formats.GetChildren().Select(c => c.Value).OfType<string>().Where(v => !string.IsNullOrWhiteSpace(v))];
}
