using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CsmEvents.Datadog;

/// <summary>
/// Where the Logs Search API lives. Precedence: an explicit API URL (proxies, tests), then an explicit site,
/// then <c>DD_SITE</c>, then <c>datadoghq.com</c>. A site <c>S</c> maps to <c>https://api.S</c>. A site must be one
/// of Datadog's (<see cref="KnownSites"/>): anything else is refused before any request (a typo would otherwise
/// send the keys to whoever owns that name); other addresses (proxies) are given as an API URL.
/// </summary>
public sealed class DatadogEndpoint
{
    /// <summary>The site used when neither an option nor DD_SITE names one (US1).</summary>
    public const string DefaultSite = "datadoghq.com";

    // Before KnownSites: static fields are initialised in the order they are written.
    private static readonly string[] Sites =
    {
        "datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ap1.datadoghq.com",
        "ap2.datadoghq.com", "uk1.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com",
    };

    /// <summary>Datadog's sites (docs.datadoghq.com/getting_started/site): US1, US3, US5, EU1, AP1, AP2, UK1,
    /// US1-FED, US2-FED. The web address of a site (<c>app.datadoghq.eu</c>) and its API host
    /// (<c>api.datadoghq.eu</c>) are accepted for it.</summary>
    public static IReadOnlyList<string> KnownSites { get; } = Array.AsReadOnly(Sites);

    /// <summary>The Logs Search (POST) path, appended to the base URL.</summary>
    public const string SearchPath = "api/v2/logs/events/search";

    // A site is a DNS name: labels of letters, digits and hyphens separated by dots.
    private static readonly Regex SiteName = new(
        @"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The base URL, always ending with '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The full POST URL of the search endpoint.</summary>
    public Uri SearchUrl { get; }

    /// <summary>Where the base URL came from, for verbose output (e.g. <c>site datadoghq.eu from DD_SITE</c>).</summary>
    public string Origin { get; }

    private DatadogEndpoint(Uri baseUrl, string origin)
    {
        BaseUrl = baseUrl;
        SearchUrl = new Uri(baseUrl, SearchPath);
        Origin = origin;
    }

    /// <summary>Resolves the endpoint from the options and the environment.</summary>
    /// <param name="apiUrl">Explicit base URL (https, or http to a loopback address), or null.</param>
    /// <param name="site">Explicit site such as <c>datadoghq.eu</c>, or null.</param>
    /// <param name="getEnv">Environment reader; <see cref="DatadogEnvironment.Process"/> when null.</param>
    /// <exception cref="DatadogConfigurationException">The URL or site is not usable.</exception>
    public static DatadogEndpoint Resolve(string? apiUrl, string? site, Func<string, string?>? getEnv = null)
    {
        if (!string.IsNullOrWhiteSpace(apiUrl))
            return new DatadogEndpoint(ParseApiUrl(apiUrl!.Trim()), "ApiUrl option");
        if (!string.IsNullOrWhiteSpace(site))
            return FromSite(site!.Trim(), "Site option");
        string? envSite = DatadogEnvironment.Read(getEnv ?? DatadogEnvironment.Process, DatadogEnvironment.Site);
        if (envSite is not null)
            return FromSite(envSite, DatadogEnvironment.Site);
        return FromSite(DefaultSite, "default site");
    }

    /// <summary>The base URL, e.g. <c>https://api.datadoghq.eu/</c>.</summary>
    public override string ToString() => BaseUrl.ToString();

    private static DatadogEndpoint FromSite(string site, string origin, string apiUrlName = "ApiUrl")
    {
        string name = site.TrimEnd('.').ToLowerInvariant();
        if (name.Contains("://") || name.IndexOf('/') >= 0)
            throw new DatadogConfigurationException(
                $"The Datadog site '{site}' (from {origin}) is a URL; give the site name only (for example datadoghq.eu), or use {apiUrlName} for a full URL.");
        if (!SiteName.IsMatch(name))
            throw new DatadogConfigurationException(
                $"The Datadog site '{site}' (from {origin}) is not a host name; use one of {string.Join(", ", KnownSites)}, " +
                $"or give the address of anything else (a proxy, a test server) as {apiUrlName}.");
        // The web UI host (app.datadoghq.eu) is often copied as the site; its API lives at api.datadoghq.eu.
        if (name.StartsWith("app.", StringComparison.Ordinal))
            name = name.Substring(4);
        if (name.StartsWith("api.", StringComparison.Ordinal))
            name = name.Substring(4);
        if (Array.IndexOf(Sites, name) < 0)
            throw new DatadogConfigurationException(
                $"The Datadog site '{site}' (from {origin}) is not a Datadog site; use one of {string.Join(", ", KnownSites)}, " +
                $"or give the address of anything else (a proxy, a test server) as {apiUrlName}.");
        return new DatadogEndpoint(new Uri("https://api." + name + "/"), $"site {name} from {origin}");
    }

    /// <summary>Checks a site given as a parameter, as <see cref="Resolve"/> would, before anything else is done.</summary>
    /// <param name="site">The site as given.</param>
    /// <param name="origin">The parameter's name, as messages show it (<c>-Site</c>, <c>--site</c>).</param>
    /// <param name="apiUrlName">The name of the API URL parameter that takes any other address.</param>
    /// <exception cref="DatadogConfigurationException">The site is not one of <see cref="KnownSites"/> (the message names them).</exception>
    public static void CheckSite(string site, string origin, string apiUrlName = "ApiUrl") => FromSite(site.Trim(), origin, apiUrlName);

    private static Uri ParseApiUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.IsFile || uri.IsUnc || string.IsNullOrEmpty(uri.Host))
            throw new DatadogConfigurationException(
                $"ApiUrl '{text}' is not an absolute URL; give one such as https://api.datadoghq.eu or http://127.0.0.1:8080.");
        // User info would be echoed in verbose output and sent as basic auth; the keys belong in headers only.
        if (uri.UserInfo.Length > 0)
            throw new DatadogConfigurationException(
                "ApiUrl must not contain a user name or password (the part before '@'); Datadog keys are sent as headers.");
        LoopbackRule.Enforce(uri);
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new DatadogConfigurationException(
                $"ApiUrl '{uri.GetLeftPart(UriPartial.Path)}' must not have a query string or fragment.");
        // A trailing '/' makes the search path append to a proxy prefix instead of replacing its last segment.
        string left = uri.GetLeftPart(UriPartial.Path);
        return new Uri(left.EndsWith("/", StringComparison.Ordinal) ? left : left + "/");
    }
}
