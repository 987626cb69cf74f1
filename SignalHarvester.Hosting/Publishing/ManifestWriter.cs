using System.Diagnostics;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>aspire-manifest.json</c>, written by Aspire's own manifest publisher (this AppHost run again
/// with <c>--publisher manifest</c>). Project paths are made relative to the bundle's checked-in home,
/// <c>deploy/staging</c>, wherever the bundle is written, so the file is the same in every checkout.
/// </summary>
internal static class ManifestWriter
{
    public const string FileName = "aspire-manifest.json";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Write(string repositoryRoot)
    {
        var scratch = Directory.CreateTempSubdirectory("signalharvester-manifest-");
        try
        {
            var manifestPath = Path.Combine(scratch.FullName, FileName);
            RunManifestPublisher(manifestPath);
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
            var home = Path.Combine(repositoryRoot, "deploy", "staging");
            foreach (var (_, resource) in manifest["resources"]!.AsObject())
            {
                if (resource?["path"] is JsonValue path)
                {
                    var absolute = Path.GetFullPath(Path.Combine(scratch.FullName, path.GetValue<string>()));
                    resource["path"] = Path.GetRelativePath(home, absolute).Replace('\\', '/');
                }
            }

            return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                .Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static void RunManifestPublisher(string manifestPath)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(process) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Started as `dotnet SignalHarvester.AppHost.dll`: run the same assembly again.
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in new[] { "--publisher", "manifest", "--output-path", manifestPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var publisher = Process.Start(start)!;
        var output = publisher.StandardOutput.ReadToEndAsync();
        var errors = publisher.StandardError.ReadToEndAsync();
        if (!publisher.WaitForExit(Timeout) || publisher.ExitCode != 0 || !File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"The manifest publisher failed:\n{output.Result}\n{errors.Result}");
        }
    }
}
