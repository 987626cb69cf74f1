using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.X;

/// <summary>Section <c>Discovery:Sources:X</c>: posts the signal pipeline harvested become artifacts of source <c>x</c>.</summary>
public sealed class XArtifactSourceOptions
{
    public const string SectionName = "Discovery:Sources:X";

    public bool Enabled { get; set; } = true;

    /// <summary>Most posts turned into artifacts per run (the most engaged first).</summary>
    public int MaxItems { get; set; } = 200;
}

/// <summary>Reads harvested posts from the <c>tweets</c> table (no network): the X side of discovery.</summary>
public sealed class XArtifactSource(NpgsqlDataSource dataSource, IOptions<XArtifactSourceOptions> options) : IDiscoverySource
{
    private const string Select = """
        select id, text, author_username, author_name, created_at, raw::text, origin
        from tweets
        where created_at >= @since
        order by like_count + 3 * retweet_count + 2 * reply_count + 2.5 * quote_count desc, id
        limit @limit
        """;

    public string Name => SourceNames.X;

    public async IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select);
        command.Parameters.AddWithValue("since", since == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : since);
        command.Parameters.AddWithValue("limit", options.Value.MaxItems);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            var text = reader.GetString(1);
            var username = reader.IsDBNull(2) ? null : reader.GetString(2);
            var name = reader.IsDBNull(3) ? null : reader.GetString(3);
            yield return new SourceArtifact(
                SourceNames.X,
                id,
                ArtifactTypes.Post,
                Title: text.Length <= 120 ? text : text[..119] + "…",
                Text: text,
                Url: XPostUrl.For(username, id),
                PublishedAt: reader.GetFieldValue<DateTimeOffset>(4),
                Authors: [new SourceAuthor(name ?? username ?? "unknown", Handle: username)],
                RawJson: reader.IsDBNull(5) ? JsonSerializer.Serialize(new { id, text }) : reader.GetString(5))
            {
                Origin = reader.GetString(6),
            };
        }
    }
}
