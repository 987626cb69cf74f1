namespace SignalHarvester.Hosting.Staging;

/// <summary>The monitoring and edge binaries the rehearsal runs, found on PATH (installed by eng/prerequisites.sh).</summary>
internal sealed record RehearsalTools(string Prometheus, string Alertmanager, string NodeExporter, string Caddy)
{
    public static RehearsalTools Find()
    {
        var missing = new List<string>();
        string Require(params string[] names)
        {
            // Debian prefixes some binaries with prometheus- (prometheus-alertmanager, prometheus-node-exporter);
            // upstream calls them alertmanager and node_exporter.
            var found = names.Select(OnPath).FirstOrDefault(path => path is not null);
            if (found is null)
            {
                missing.Add(names[0]);
            }

            return found ?? "";
        }

        var tools = new RehearsalTools(
            Require("prometheus"),
            Require("alertmanager", "prometheus-alertmanager"),
            Require("node_exporter", "prometheus-node-exporter"),
            Require("caddy"));
        return missing.Count == 0
            ? tools
            : throw new DistributedApplicationException(
                $"The staging rehearsal needs {string.Join(", ", missing)}: run eng/prerequisites.sh " +
                "(Debian/Ubuntu: apt-get install prometheus prometheus-alertmanager prometheus-node-exporter caddy).");
    }

    private static string? OnPath(string binary) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, binary))
            .FirstOrDefault(File.Exists);
}
