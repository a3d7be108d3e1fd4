using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace CsmEvents.Tests.Report;

/// <summary>
/// Debian's headless Chromium driven through its chromedriver by Selenium WebDriver: the real browser the report page
/// is made for. Nothing is downloaded: the browser and the driver come from `apt-get install chromium
/// chromium-driver` (.ci/run installs them; CSMEVENTS_CHROMIUM and CSMEVENTS_CHROMEDRIVER name other copies). When
/// they are missing the tests fail with that instruction: CI installs them, so a missing browser is a broken setup,
/// not a reason to skip. The flags keep Chromium from reaching for a network this machine does not have (without
/// them it stalls), and a new empty profile folder per session keeps runs independent.
/// </summary>
public sealed class Chromium : IDisposable
{
    public static readonly string BrowserPath = Environment.GetEnvironmentVariable("CSMEVENTS_CHROMIUM") ?? "/usr/bin/chromium";
    public static readonly string DriverPath = Environment.GetEnvironmentVariable("CSMEVENTS_CHROMEDRIVER") ?? "/usr/bin/chromedriver";

    private readonly string _profile = Path.Combine(Path.GetTempPath(), "csmevents-chromium-" + Guid.NewGuid().ToString("N"));

    public Chromium()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException("The report tests need headless Chromium and its driver at " + BrowserPath + " and " + DriverPath +
                ": apt-get install chromium chromium-driver (CI's .ci/run installs them).");
        }
        Directory.CreateDirectory(_profile);
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + _profile);
        // Every network request the page makes (the DevTools Network domain) and every console message, CSP reports included.
        options.SetLoggingPreference("performance", LogLevel.All);
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Opens a page from its file URL and waits until its script has drawn everything.</summary>
    public void Open(string path)
    {
        DrainLogs();
        Driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(d => (string?)((IJavaScriptExecutor)d).ExecuteScript("return document.documentElement.dataset.ready || null") == "true");
    }

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    public T Script<T>(string script, params object[] args) => (T)Convert.ChangeType(Driver.ExecuteScript(script, args)!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until the text of the element <paramref name="id"/> is <paramref name="expected"/>, and fails showing the
    /// text it has if it never gets there. For what typed input changes: the page filters and searches 200 ms after
    /// the last key, and a busy machine types slower than that, so the results of part of the text can come first
    /// (a wait for "anything but the unfiltered text" then sees them).
    /// </summary>
    public void WaitForText(string id, string expected)
    {
        try
        {
            new WebDriverWait(Driver, TimeSpan.FromSeconds(10)).Until(d => d.FindElement(By.Id(id)).Text == expected);
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Equal(expected, Driver.FindElement(By.Id(id)).Text);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (the page filters and searches after a short pause).</summary>
    public void WaitFor(Func<bool> condition, string what)
    {
        try
        {
            new WebDriverWait(Driver, TimeSpan.FromSeconds(10)).Until(_ => condition());
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail("timed out waiting for " + what);
        }
    }

    /// <summary>The URLs of every network request since the last call (from the DevTools Network domain).</summary>
    public List<string> RequestedUrls()
    {
        var urls = new List<string>();
        foreach (var entry in Driver.Manage().Logs.GetLog("performance"))
        {
            using var doc = JsonDocument.Parse(entry.Message);
            var message = doc.RootElement.GetProperty("message");
            string method = message.GetProperty("method").GetString()!;
            if (method != "Network.requestWillBeSent" && method != "Network.webSocketCreated") continue;
            var parameters = message.GetProperty("params");
            urls.Add(parameters.TryGetProperty("request", out var request) ? request.GetProperty("url").GetString()! : parameters.GetProperty("url").GetString()!);
        }
        return urls;
    }

    /// <summary>The console messages since the last call (errors, CSP violations, logs).</summary>
    public List<string> ConsoleMessages() => Driver.Manage().Logs.GetLog(LogType.Browser).Select(e => e.Level + " " + e.Message).ToList();

    private void DrainLogs()
    {
        Driver.Manage().Logs.GetLog("performance");
        Driver.Manage().Logs.GetLog(LogType.Browser);
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>, ICollectionFixture<ReportPages>
{
    public const string Name = "Chromium";
}
