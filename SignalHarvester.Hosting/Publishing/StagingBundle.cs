namespace SignalHarvester.Hosting.Publishing;

/// <summary>Writes every file of the staging bundle. Each file has its own writer; this only lists them.</summary>
internal static class StagingBundle
{
    public static void Write(StagingModel model, string directory, string repositoryRoot)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ComposeFileWriter.FileName] = ComposeFileWriter.Write(model),
            [EnvExampleWriter.FileName] = EnvExampleWriter.Write(model),
            [CaddyfileWriter.FileName] = CaddyfileWriter.Write(model),
            [PrometheusConfigWriter.FileName] = PrometheusConfigWriter.Write(model),
            [AlertRulesWriter.FileName] = AlertRulesWriter.Write(),
            [AlertmanagerConfigWriter.FileName] = AlertmanagerConfigWriter.Write(),
            [GrafanaProvisioningWriter.DatasourceFile] = GrafanaProvisioningWriter.Datasource(),
            [GrafanaProvisioningWriter.DashboardProviderFile] = GrafanaProvisioningWriter.DashboardProvider(),
            [GrafanaDashboardWriter.ApiPerformanceFile] = GrafanaDashboardWriter.ApiPerformance(),
            [GrafanaDashboardWriter.DiscoveryPipelineFile] = GrafanaDashboardWriter.DiscoveryPipeline(),
            [BuildImagesScriptWriter.FileName] = BuildImagesScriptWriter.Write(model),
            [ManifestWriter.FileName] = ManifestWriter.Write(repositoryRoot),
        };
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            Console.WriteLine($"staging: wrote {path}");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(directory, BuildImagesScriptWriter.FileName),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
