using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Discovery.Sources;

namespace SignalHarvester.Worker.Discovery;

/// <summary>
/// Upserts fetched artifacts by (source, source_id, origin) in one statement per batch. A re-fetched item
/// refreshes its content and raw payload; updated_at moves only when title, text or url changed, so
/// downstream stages redo only what really changed.
/// </summary>
public sealed class ArtifactStore(NpgsqlDataSource dataSource)
{
    private const string Upsert = """
        insert into artifacts (source, source_id, origin, artifact_type, title, text, url, published_at, authors, raw, inserted_at, updated_at)
        select s.source, s.source_id, s.origin, s.artifact_type, s.title, s.text, s.url, s.published_at, s.authors, s.raw, now(), now()
        from unnest(@source, @source_id, @origin, @artifact_type, @title, @text, @url, @published_at, @authors, @raw)
            as s(source, source_id, origin, artifact_type, title, text, url, published_at, authors, raw)
        on conflict (source, source_id, origin) do update set
            artifact_type = excluded.artifact_type,
            title = excluded.title,
            text = excluded.text,
            url = excluded.url,
            authors = excluded.authors,
            raw = excluded.raw,
            updated_at = case when (artifacts.title, artifacts.text, artifacts.url) is distinct from (excluded.title, excluded.text, excluded.url)
                              then now() else artifacts.updated_at end
        returning (xmax = 0) as inserted
        """;

    /// <summary>Stores the artifacts; returns how many were new.</summary>
    public async Task<int> UpsertAsync(IReadOnlyList<SourceArtifact> artifacts, CancellationToken cancellationToken)
    {
        if (artifacts.Count == 0)
        {
            return 0;
        }

        // A source may yield the same item twice (e.g. on two lists); the last one wins.
        var unique = artifacts.GroupBy(a => (a.Source, a.SourceId, a.Origin)).Select(g => g.Last()).ToList();
        await using var command = dataSource.CreateCommand(Upsert);
        Add(command, "source", NpgsqlDbType.Text, unique.Select(a => a.Source));
        Add(command, "source_id", NpgsqlDbType.Text, unique.Select(a => a.SourceId));
        Add(command, "origin", NpgsqlDbType.Text, unique.Select(a => a.Origin ?? DataOrigin.Live));
        Add(command, "artifact_type", NpgsqlDbType.Text, unique.Select(a => a.ArtifactType));
        Add(command, "title", NpgsqlDbType.Text, unique.Select(a => a.Title));
        Add(command, "text", NpgsqlDbType.Text, unique.Select(a => a.Text));
        Add(command, "url", NpgsqlDbType.Text, unique.Select(a => a.Url));
        command.Parameters.Add(new NpgsqlParameter("published_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = unique.Select(a => a.PublishedAt.ToUniversalTime()).ToArray(),
        });
        Add(command, "authors", NpgsqlDbType.Jsonb, unique.Select(a => JsonSerializer.Serialize(a.Authors, AuthorJson.Options)));
        Add(command, "raw", NpgsqlDbType.Jsonb, unique.Select(a => a.RawJson));

        var inserted = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted += reader.GetBoolean(0) ? 1 : 0;
        }

        return inserted;
    }

    private static void Add(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });
}
