using System.Net;
using System.Net.Sockets;

namespace SignalHarvester.Api.RateLimiting;

/// <summary>
/// The rate-limit partition of a caller without a key. An IPv6 client holds a whole /64 (one interface
/// picks new addresses at will), so its bucket is the /64; IPv4 (also IPv4 mapped into IPv6) is one address.
/// </summary>
public static class ClientAddress
{
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"ip:{address}";
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"ip:{new IPAddress(bytes)}/64";
    }
}
