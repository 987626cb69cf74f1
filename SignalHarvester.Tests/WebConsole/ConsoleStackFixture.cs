using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api;

namespace SignalHarvester.Tests.WebConsole;

/// <summary>
/// The populated stack with the web console, and one headless Chromium (Debian's, not a download)
/// shared by the console tests; each test opens its own browser context (cookies of its own).
/// </summary>
public sealed class ConsoleStackFixture : PopulatedStackFixture
{
    /// <summary>Where Chromium is: Debian's package by default, <c>CONSOLE_CHROMIUM</c> elsewhere.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CONSOLE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri ConsoleUrl { get; private set; } = null!;

    /// <summary>
    /// Screenshots go to <c>CONSOLE_SCREENSHOTS</c> (docs/images when refreshing the docs), else beside the
    /// test binaries, so an ordinary test run leaves the repository untouched.
    /// </summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } directory
        ? directory
        : Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    /// <summary>The screen of a phone (an iPhone 12 to 15: 390 × 844 CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected override bool IncludeConsole => true;

    // Bulk jobs in small batches with a pause, so a job of a few dozen signals runs for seconds: long
    // enough for the operations page to follow its progress live.
    protected override IEnumerable<string> AppHostArguments =>
    [
        .. base.AppHostArguments,
        "--Api:BulkJobs:BatchSize=2",
        "--Api:BulkJobs:PauseBetweenBatchesMilliseconds=400",
        "--Api:BulkJobs:ProgressIntervalMilliseconds=100",
    ];

    protected override IEnumerable<string> ResourcesToAwait => [.. base.ResourcesToAwait, ResourceNames.Web];

    protected override async Task AfterStartAsync()
    {
        // A missing browser fails the tests, never skips them: eng/prerequisites.sh installs it.
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: run eng/prerequisites.sh (or set CONSOLE_CHROMIUM)");
        await base.AfterStartAsync();
        ConsoleUrl = App.GetEndpoint(ResourceNames.Web, "http");
        playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    protected override async Task AfterDisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.AfterDisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (its own cookies) on the console, signed in with the stack's API key when asked;
    /// on a desktop screen, or as a phone (<see cref="Phone"/>'s viewport, touch, a mobile browser's layout).
    /// </summary>
    public async Task<IPage> OpenAsync(bool signedIn = false, ColorScheme colorScheme = ColorScheme.Light, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = ConsoleUrl.ToString().TrimEnd('/'),
            ViewportSize = phone ? Phone : new() { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
            ColorScheme = colorScheme,
        });
        // Actions and expectations alike wait up to 30 s for the page: they poll until true, so a loaded machine (the
        // suite's other stacks) only makes them wait longer. Playwright's 5 s default for expectations failed there
        // once: a merge's row took longer to leave the candidates at load average 24.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var page = await context.NewPageAsync();
        if (signedIn)
        {
            await SignInAsync(page, ApiKey);
            Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync(), $"signing in failed: {page.Url}");
        }

        return page;
    }

    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>The whole page, or what fits the screen (a phone's, where the whole page is many screens long).</summary>
    public Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"console-{name}.png"), FullPage = fullPage });
}
