using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

public sealed class SnapshotServiceExtensionsTests
{
    [Fact]
    public void Defaults_apply_when_nothing_is_configured()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<SnapshotOptions>>().Value;

        Assert.Equal(200, options.TopCount);
        Assert.Equal(["json", "ndjson", "csv"], options.Formats);
        Assert.True(options.Gzip);
        Assert.Equal((30, 50, 500.0), (options.MaxAgeDays, options.KeepLatest, options.MaxTotalMegabytes));
        Assert.Equal(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "signalharvester", "snapshots"),
            options.ResolveDirectory());
        // One exporter and one retention for the process (the snapshot stage and the on-demand job share them).
        Assert.Same(provider.GetRequiredService<SnapshotExporter>(), provider.GetRequiredService<SnapshotExporter>());
        Assert.Same(provider.GetRequiredService<SnapshotRetention>(), provider.GetRequiredService<SnapshotRetention>());
    }

    [Fact]
    public void Configured_values_bind_and_configured_formats_replace_the_defaults()
    {
        using var provider = Build(new()
        {
            ["Harvest:Snapshots:Directory"] = "/var/snapshots",
            ["Harvest:Snapshots:Formats:0"] = "csv",
            ["Harvest:Snapshots:Gzip"] = "false",
            ["Harvest:Snapshots:KeepLatest"] = "7",
            ["Harvest:Snapshots:MaxTotalMegabytes"] = "0.5",
        });

        var options = provider.GetRequiredService<IOptions<SnapshotOptions>>().Value;

        Assert.Equal("/var/snapshots", options.ResolveDirectory());
        Assert.Equal(["csv"], options.Formats);
        Assert.False(options.Gzip);
        Assert.Equal(7, options.KeepLatest);
        Assert.Equal(0.5, options.MaxTotalMegabytes);
    }

    [Fact]
    public void Formats_may_be_one_comma_separated_value()
    {
        using var provider = Build(new() { ["Harvest:Snapshots:Formats"] = "ndjson, json" });

        Assert.Equal(["ndjson", "json"], provider.GetRequiredService<IOptions<SnapshotOptions>>().Value.Formats);
    }

    [Fact]
    public void An_unknown_format_fails_validation()
    {
        using var provider = Build(new() { ["Harvest:Snapshots:Formats:0"] = "xml" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SnapshotOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSignalSnapshots(configuration).BuildServiceProvider();
    }
}
