using Microsoft.Extensions.DependencyInjection.Extensions;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Sources;

/// <summary>
/// Every source's <see cref="SourceSetting"/>, decided once while the worker's services are
/// registered (the same decision picks each source's implementation), and read by the start-up
/// report and the stages.
/// </summary>
public sealed class SourceSettings
{
    private readonly Dictionary<string, SourceSetting> byName = new(StringComparer.Ordinal);

    public IReadOnlyList<SourceSetting> All => [.. byName.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    public SourceSetting? Find(string name) => byName.GetValueOrDefault(name);

    internal void Set(SourceSetting setting) => byName[setting.Name] = setting;

    /// <summary>
    /// The mode configured for the source whose settings live under <paramref name="section"/>:
    /// <c>&lt;section&gt;:Mode</c>, else <c>Sources:Mode</c>, else <see cref="SourceModes.Default"/>.
    /// An unknown value stops the worker at start with a message naming the key.
    /// </summary>
    public static SourceMode ConfiguredMode(IConfiguration configuration, string section)
    {
        var key = $"{section}:Mode";
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            (key, text) = (SourceModes.DefaultKey, configuration[SourceModes.DefaultKey]);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return SourceModes.Default;
        }

        return SourceModes.TryParse(text, out var mode)
            ? mode
            : throw new InvalidOperationException($"{key} is '{text}'; it must be one of: {string.Join(", ", SourceModes.Names)}.");
    }
}

public static class SourceSettingsServiceExtensions
{
    /// <summary>Records how a source runs; the registration that decided it calls this.</summary>
    public static SourceSetting AddSourceSetting(this IServiceCollection services, SourceSetting setting)
    {
        var settings = services.FirstOrDefault(d => d.ServiceType == typeof(SourceSettings))?.ImplementationInstance as SourceSettings;
        if (settings is null)
        {
            settings = new SourceSettings();
            services.TryAddSingleton(settings);
        }

        settings.Set(setting);
        return setting;
    }
}
