using System;
using System.Globalization;
using System.IO;
using CsmEvents.Datadog;

namespace CsmEvents.Cli;

/// <summary>
/// The `get`, `tree` and `test` options that read from the Datadog Logs Search API instead of files. Keys come from DD_API_KEY and
/// DD_APP_KEY (or DD_APPLICATION_KEY), from environment variables the user names (--api-key-env / --app-key-env),
/// or from standard input (--keys-from-stdin: API key on the first line, application key on the second) — never
/// from the command line itself, where other users of the machine could read them.
/// </summary>
internal static class DatadogOptions
{
    public static readonly string[] Valued = { "--query", "--from", "--to", "--site", "--api-url", "--max-events", "--page-size", "--api-key-env", "--app-key-env" };
    public static readonly string[] Flags = { "--all-sources", "--keys-from-stdin" };

    public const string Usage =
        "       csm-events get|tree|test|report --query QUERY [--from TIME] [--to TIME] [--max-events N] [--page-size N]\n" +
        "                      [--all-sources] [--site SITE] [--api-url URL] [--api-key-env NAME] [--app-key-env NAME]\n" +
        "                      [--keys-from-stdin]\n" +
        "  Reads from the Datadog Logs Search API (source:runtime-security-agent unless --all-sources). --from and --to also\n" +
        "  take date math such as now-6h and epoch milliseconds. Keys: DD_API_KEY and DD_APP_KEY, or the variables named, or\n" +
        "  two lines on stdin. SITE: datadoghq.com (default, or DD_SITE), us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu,\n" +
        "  ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com or us2.ddog-gov.com; any other address\n" +
        "  (a proxy) with --api-url. Redirects are followed only within that address: keys never go elsewhere.\n" +
        TimeUsage;

    /// <summary>The rule for every time option (--after, --before, --from, --to), stated in every usage that has one.</summary>
    public const string TimeUsage =
        "  TIME: RFC 3339 such as 2025-06-03T09:41:00Z, a date, or now-6h. A time without an offset (2025-06-03T09:41:00)\n" +
        "  is UTC, like the events' and Datadog's times, whatever the machine's time zone.";

    /// <summary>Runs <paramref name="read"/> against the search the command line describes, with a client built
    /// from it; configuration problems (no keys, a bad site) become usage errors.</summary>
    public static void Read(CliArguments parsed, Stream stdin, Func<string, string?> environment, Action<DatadogLogsClient, DatadogSearchOptions> read)
    {
        if (parsed.Positional.Count > 0) throw new CliUsageException("paths and --query cannot be combined: read files or the Datadog API, not both");
        try
        {
            var search = Search(parsed);
            var options = Client(parsed, environment);
            var credentials = Credentials(parsed, stdin, environment);
            using var client = new DatadogLogsClient(credentials, options);
            read(client, search);
        }
        catch (DatadogConfigurationException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    /// <summary>True when the command line asks for the Datadog source.</summary>
    public static bool Requested(CliArguments parsed)
    {
        foreach (string option in Valued) if (parsed.Single(option) != null) return true;
        foreach (string flag in Flags) if (parsed.Flag(flag)) return true;
        return false;
    }

    public static DatadogSearchOptions Search(CliArguments parsed)
    {
        var search = new DatadogSearchOptions { Query = parsed.Single("--query"), IncludeAllSources = parsed.Flag("--all-sources") };
        if (parsed.Single("--from") is string from) search.From = Time(from, "--from");
        if (parsed.Single("--to") is string to) search.To = Time(to, "--to");
        if (parsed.Single("--max-events") is string max) search.MaxEvents = Number(max, "--max-events");
        if (parsed.Single("--page-size") is string size) search.PageSize = (int)Number(size, "--page-size");
        return search;
    }

    public static DatadogClientOptions Client(CliArguments parsed, Func<string, string?> environment)
    {
        // Checked here to name the options as typed; the client checks DD_SITE and the rest.
        if (parsed.Single("--site") is string site && parsed.Single("--api-url") == null) DatadogEndpoint.CheckSite(site, "--site", "--api-url");
        return new DatadogClientOptions
        {
            Site = parsed.Single("--site"),
            ApiUrl = parsed.Single("--api-url"),
            Environment = environment,
        };
    }

    public static DatadogCredentials Credentials(CliArguments parsed, Stream stdin, Func<string, string?> environment)
    {
        string? apiKey = null, appKey = null;
        if (parsed.Flag("--keys-from-stdin"))
        {
            using var reader = new StreamReader(stdin);
            apiKey = reader.ReadLine();
            appKey = reader.ReadLine();
            if (string.IsNullOrWhiteSpace(apiKey) || string.IsNullOrWhiteSpace(appKey))
            {
                throw new CliUsageException("--keys-from-stdin needs two lines on standard input: the API key, then the application key");
            }
        }
        if (parsed.Single("--api-key-env") is string apiVar) apiKey = environment(apiVar) ?? throw new CliUsageException("--api-key-env: environment variable " + apiVar + " is not set");
        if (parsed.Single("--app-key-env") is string appVar) appKey = environment(appVar) ?? throw new CliUsageException("--app-key-env: environment variable " + appVar + " is not set");
        return DatadogCredentials.Resolve(apiKey, appKey, environment, "--api-key-env or --keys-from-stdin", "--app-key-env or --keys-from-stdin");
    }

    private static DatadogTime Time(string text, string option)
    {
        if (DatadogTime.TryParse(text, out var value, out string? error)) return value!;
        throw new CliUsageException("option " + option + ": " + error);
    }

    private static long Number(string text, string option)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0) return value;
        throw new CliUsageException("option " + option + ": '" + text + "' is not a positive whole number");
    }
}
