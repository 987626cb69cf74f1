using System.Security.Cryptography;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// No credential literal in the repository: secretlint (its recommended rules: cloud and SaaS keys,
/// private keys, tokens, connection strings with passwords, Slack webhooks…) over every file git
/// tracks or would add. The scanner is pinned in eng/secretlint; the first run installs it with npm.
/// </summary>
public sealed class CredentialScanTests
{
    private static readonly string Root = Tool.RepositoryRoot();
    private static readonly string ScannerDirectory = Path.Combine(Root, "eng", "secretlint");
    private static readonly string Scanner = Path.Combine(ScannerDirectory, "node_modules", ".bin", "secretlint");

    [Fact]
    public async Task The_repository_holds_no_credential_literal()
    {
        await EnsureScannerAsync();
        var files = await Tool.RunAsync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], Root);
        Assert.Equal(0, files.ExitCode);
        var paths = files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(path => Path.Combine(Root, path)).Where(File.Exists).ToList();
        Assert.True(paths.Count > 500, $"only {paths.Count} files to scan");

        var scan = await ScanAsync(Root, paths);

        Assert.True(scan.ExitCode == 0, $"secretlint found credentials (use placeholders, secret parameters or user secrets):\n{scan.Output}");
    }

    [Fact]
    public async Task The_scanner_finds_a_planted_key_token_and_webhook()
    {
        await EnsureScannerAsync();
        var directory = Directory.CreateTempSubdirectory("credential-scan-").FullName;
        try
        {
            // Built at run time, so the repository itself never holds them.
            using var rsa = RSA.Create(2048);
            var planted = string.Join('\n',
                rsa.ExportRSAPrivateKeyPem(),
                "token = \"" + "ghp_" + "1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ" + "\"",
                "webhook = \"https://hooks.slack.com/services/" + "T0ABCDEFG/B0ABCDEFG/" + "abcdefghijklmnopqrstuvwx" + "\"");
            var file = Path.Combine(directory, "settings.txt");
            await File.WriteAllTextAsync(file, planted);

            var scan = await ScanAsync(directory, [file]);

            Assert.NotEqual(0, scan.ExitCode);
            Assert.Contains("secretlint-rule-privatekey", scan.Output, StringComparison.Ordinal);
            Assert.Contains("secretlint-rule-github", scan.Output, StringComparison.Ordinal);
            Assert.Contains("secretlint-rule-slack", scan.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<Tool.Result> ScanAsync(string workingDirectory, IEnumerable<string> files) =>
        Tool.RunAsync(Scanner, ["--secretlintrc", Path.Combine(Root, ".secretlintrc.json"), "--format", "unix", .. files], workingDirectory);

    private static Task EnsureScannerAsync() => Tool.EnsureNpmPackagesAsync(ScannerDirectory, Scanner, "secretlint");
}
