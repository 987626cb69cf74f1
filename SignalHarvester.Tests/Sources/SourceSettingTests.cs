using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Tests.Sources;

/// <summary>Which sources hold stored data (and so stale samples to refresh at start): a source added later counts without being listed.</summary>
public sealed class SourceSettingTests
{
    [Theory]
    [InlineData(SourceNames.X, true)]
    [InlineData(SourceNames.Arxiv, true)]
    [InlineData(SourceNames.GitHub, true)]
    [InlineData(SourceNames.HackerNews, true)]
    [InlineData("mastodon", true)] // a source no list names
    [InlineData(SourceNames.Llm, false)]
    [InlineData(SourceNames.Slack, false)]
    public void Every_source_but_the_llm_and_slack_stores_data(string name, bool stores)
    {
        var setting = SourceSetting.Plain(name, SourceMode.Sample, "https://example.invalid", "sample");

        Assert.Equal(stores, setting.StoresData);
    }
}
