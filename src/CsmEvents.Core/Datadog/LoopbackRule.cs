using System;
using System.Net;

namespace CsmEvents.Datadog;

/// <summary>
/// Plain <c>http://</c> would send the Datadog keys in clear text, so it is allowed only when the server is this
/// machine (a local proxy or a test server): 127.0.0.0/8, ::1 or <c>localhost</c>.
/// </summary>
public static class LoopbackRule
{
    /// <summary>True when <paramref name="uri"/> points at a loopback address or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri)
    {
        if (uri is null) throw new ArgumentNullException(nameof(uri));
        if (string.Equals(uri.DnsSafeHost, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        // Only literal addresses count: a DNS name such as 127.0.0.1.example.com could resolve anywhere.
        if (uri.HostNameType != UriHostNameType.IPv4 && uri.HostNameType != UriHostNameType.IPv6)
            return false;
        return IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Throws a clear error when <paramref name="uri"/> uses http:// towards a non-loopback host.</summary>
    /// <exception cref="DatadogConfigurationException">The URL is not https and not loopback.</exception>
    public static void Enforce(Uri uri)
    {
        if (uri.Scheme == Uri.UriSchemeHttps) return;
        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return;
        if (uri.Scheme == Uri.UriSchemeHttp)
            throw new DatadogConfigurationException(
                $"ApiUrl '{uri.GetLeftPart(UriPartial.Authority)}' uses plain http:// to a host that is not this machine; the Datadog keys would travel unencrypted. Use https://, or http:// only with 127.0.0.1, ::1 or localhost.");
        throw new DatadogConfigurationException(
            $"ApiUrl '{uri.GetLeftPart(UriPartial.Authority)}' has the scheme '{uri.Scheme}'; use https:// (or http:// to 127.0.0.1, ::1 or localhost).");
    }
}
