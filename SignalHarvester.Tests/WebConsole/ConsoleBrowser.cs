using Microsoft.Playwright;

namespace SignalHarvester.Tests.WebConsole;

/// <summary>
/// One headless Chromium (Debian's, not a download) on a stack's web console, launched by the first test that opens
/// a page; each page gets its own browser context (cookies of its own).
/// </summary>
public sealed class ConsoleBrowser(Uri consoleUrl, string operatorKey) : IAsyncDisposable
{
    /// <summary>
    /// Where Chromium is: Debian's headless shell by default, <c>CONSOLE_CHROMIUM</c> elsewhere (a full Chromium works
    /// too). The shell is the same engine without the desktop browser's processes: the console's tests took half the
    /// CPU with it (docs/performance.md). The binary itself, not <c>/usr/bin</c>'s wrapper script, so that stopping the
    /// browser stops Chromium and not a shell around it.
    /// </summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CONSOLE_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/lib/chromium/chromium-headless-shell";

    private readonly SemaphoreSlim launch = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The screen of a phone (an iPhone 12 to 15: 390 × 844 CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public Uri Url { get; } = consoleUrl;

    /// <summary>
    /// Screenshots go to <c>CONSOLE_SCREENSHOTS</c> (docs/images when refreshing the docs), else beside the
    /// test binaries, so an ordinary test run leaves the repository untouched.
    /// </summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } directory
        ? directory
        : Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    /// <summary>
    /// A fresh browser context (its own cookies) on the console, signed in with the stack's operator key when asked;
    /// on a desktop screen, or as a phone (<see cref="Phone"/>'s viewport, touch, a mobile browser's layout).
    /// </summary>
    public async Task<IPage> OpenAsync(bool signedIn = false, ColorScheme colorScheme = ColorScheme.Light, bool phone = false)
    {
        var context = await (await BrowserAsync()).NewContextAsync(new()
        {
            BaseURL = Url.ToString().TrimEnd('/'),
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
            await SignInAsync(page, operatorKey);
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

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        launch.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await launch.WaitAsync();
        try
        {
            if (browser is null)
            {
                // A missing browser fails the tests, never skips them: eng/prerequisites.sh installs it.
                Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: run eng/prerequisites.sh (or set CONSOLE_CHROMIUM)");
                playwright ??= await Playwright.CreateAsync();
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
                browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
                Directory.CreateDirectory(ScreenshotDirectory);
            }

            return browser;
        }
        finally
        {
            launch.Release();
        }
    }
}
