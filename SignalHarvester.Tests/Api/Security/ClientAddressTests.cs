using System.Net;
using SignalHarvester.Api.RateLimiting;

namespace SignalHarvester.Tests.Api.Security;

public sealed class ClientAddressTests
{
    [Fact]
    public void Addresses_of_one_ipv6_64_share_a_bucket_and_the_next_64_does_not()
    {
        var first = ClientAddress.PartitionOf(IPAddress.Parse("2001:db8:aa:bb:1111:2222:3333:4444"));

        Assert.Equal("ip:2001:db8:aa:bb::/64", first);
        Assert.Equal(first, ClientAddress.PartitionOf(IPAddress.Parse("2001:db8:aa:bb:ffff:ffff:ffff:1")));
        Assert.NotEqual(first, ClientAddress.PartitionOf(IPAddress.Parse("2001:db8:aa:bc::1")));
    }

    [Theory]
    [InlineData("203.0.113.7", "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "ip:203.0.113.7")]
    public void An_ipv4_client_is_one_address_however_it_arrives(string address, string expected) =>
        Assert.Equal(expected, ClientAddress.PartitionOf(IPAddress.Parse(address)));
}
