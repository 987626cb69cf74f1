using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Data;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Relationships: arXiv ids, DOIs and github.com repository URLs in each artifact's title, text and
/// URL, resolved to stored papers and repositories and typed by who points at what (a repository
/// implements a paper, a story discusses, a post mentions, a paper cites); plus <c>related</c> links
/// between similar artifacts of different sources. The full set is recomputed and synchronised with
/// <c>artifact_relationships</c>: new links inserted, changed ones updated, vanished ones deleted, so
/// a rerun with nothing new touches no row.
/// </summary>
public sealed class DetectRelationshipsStage(
    HarvestDbContext db,
    NpgsqlDataSource dataSource,
    IOptions<RelationshipDetectionOptions> options,
    TimeProvider clock,
    DiscoveryMetrics metrics,
    ILogger<DetectRelationshipsStage> logger)
{
    // The desired links and the compared artifacts are bulk-loaded with binary COPY into temporary tables
    // (keyed, and analysed so the planner knows their size), then merged set-based.
    private const string CreateBatchTables = """
        create temp table desired_links (
          source_artifact_id bigint not null, target_artifact_id bigint not null, relationship_type varchar(32) not null,
          confidence double precision not null, detection_method varchar(64) not null, metadata jsonb,
          primary key (source_artifact_id, target_artifact_id, relationship_type)
        ) on commit drop;
        create temp table compared_artifacts (id bigint primary key) on commit drop
        """;

    private const string CopyDesired = """
        copy desired_links (source_artifact_id, target_artifact_id, relationship_type, confidence, detection_method, metadata)
        from stdin (format binary)
        """;

    private const string Upsert = """
        with changed as (
          insert into artifact_relationships (source_artifact_id, target_artifact_id, relationship_type, confidence, detection_method, metadata, created_at)
          select source_artifact_id, target_artifact_id, relationship_type, confidence, detection_method, metadata, @now from desired_links
          order by source_artifact_id, target_artifact_id, relationship_type
          on conflict (source_artifact_id, target_artifact_id, relationship_type) do update
            set confidence = excluded.confidence, detection_method = excluded.detection_method, metadata = excluded.metadata
            where (artifact_relationships.confidence, artifact_relationships.detection_method, artifact_relationships.metadata)
                  is distinct from (excluded.confidence, excluded.detection_method, excluded.metadata)
          returning xmax = 0 as inserted
        )
        select count(*) filter (where inserted), count(*) filter (where not inserted) from changed
        """;

    // Links this stage found before and no longer finds; semantic ones only among the artifacts compared this run.
    private const string DeleteVanished = """
        delete from artifact_relationships r
        where r.detection_method = any(@ownMethods)
          and not exists (
            select 1 from desired_links d
            where d.source_artifact_id = r.source_artifact_id and d.target_artifact_id = r.target_artifact_id
              and d.relationship_type = r.relationship_type)
          and (r.detection_method <> @semantic
               or (exists (select 1 from compared_artifacts c where c.id = r.source_artifact_id)
                   and exists (select 1 from compared_artifacts c where c.id = r.target_artifact_id)))
        """;

    private const int TextBatchSize = 2000;

    private const string StoredDois = """
        select id, origin, lower(raw->>'doi') from artifacts
        where jsonb_typeof(raw) = 'object' and raw->>'doi' is not null
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        // What references can resolve to: every artifact's keys, without its text.
        var keys = await db.Artifacts.AsNoTracking()
            .Select(a => new ArtifactKey(a.Id, a.Source, a.SourceId, a.Origin, a.ArtifactType))
            .ToListAsync(cancellationToken);
        var targets = new ReferenceTargets(keys, await StoredDoisAsync(cancellationToken));

        var desired = new Dictionary<(long Source, long Target, string Type), DesiredLink>();
        // Texts a batch at a time (keyset on id): memory holds one batch of texts, never the table's.
        for (var after = long.MinValue; ;)
        {
            var batch = await db.Artifacts.AsNoTracking()
                .Where(a => a.Id > after).OrderBy(a => a.Id).Take(TextBatchSize)
                .Select(a => new LinkableArtifact(a.Id, a.Source, a.Origin, a.Title, a.Text, a.Url))
                .ToListAsync(cancellationToken);
            foreach (var artifact in batch)
            {
                foreach (var link in ExplicitLinks(artifact, targets))
                {
                    // The same pair found twice (an id and a URL): the more certain detection wins.
                    var key = (artifact.Id, link.TargetId, link.Type);
                    if (!desired.TryGetValue(key, out var known) || known.Confidence < link.Confidence)
                    {
                        desired[key] = link;
                    }
                }
            }

            if (batch.Count < TextBatchSize)
            {
                break;
            }

            after = batch[^1].Id;
        }

        var explicitPairs = desired.Keys.Select(k => (Math.Min(k.Source, k.Target), Math.Max(k.Source, k.Target))).ToHashSet();
        var compared = await ComparableArtifactsAsync(settings, now, cancellationToken);
        // Sample and live artifacts are never linked to each other.
        var semantic = compared.GroupBy(c => c.Origin)
            .SelectMany(origin => SemanticLinkIndex.Find(
                [.. origin.Select(c => c.Artifact)], settings.SemanticThreshold, settings.SemanticTopK, settings.ExactSemanticUpTo));
        foreach (var link in semantic)
        {
            // An explicit pointer already says more than similarity does.
            if (!explicitPairs.Contains((link.FirstId, link.SecondId)))
            {
                desired[(link.FirstId, link.SecondId, RelationshipTypes.Related)] = new DesiredLink(
                    link.SecondId, RelationshipTypes.Related, link.Similarity, RelationshipDetectionMethods.Semantic, null);
            }
        }

        var (inserted, updated, deleted) = await SynchroniseAsync(desired, compared.Select(c => c.Artifact.Id).ToArray(), now, cancellationToken);
        metrics.RelationshipsChanged("inserted", inserted);
        metrics.RelationshipsChanged("updated", updated);
        metrics.RelationshipsChanged("deleted", deleted);
        logger.LogInformation(
            "Relationships: {Total} detected ({Explicit} explicit, {Semantic} semantic); {Inserted} inserted, {Updated} updated, {Deleted} deleted",
            desired.Count, desired.Count(d => d.Key.Type != RelationshipTypes.Related), desired.Count(d => d.Key.Type == RelationshipTypes.Related),
            inserted, updated, deleted);
        return desired.Count;
    }

    private static IEnumerable<DesiredLink> ExplicitLinks(LinkableArtifact artifact, ReferenceTargets targets)
    {
        var inText = ArtifactReferenceExtractor.Extract($"{artifact.Title}\n{artifact.Text}")
            .Select(reference => (Reference: reference, OtherSourcesOnly: false));
        // An artifact's own URL points into its own source (a paper's abstract page, a release inside its
        // repository): only links it gives to other sources count (a story's link to a paper).
        var inUrl = ArtifactReferenceExtractor.Extract(artifact.Url).Select(reference => (Reference: reference, OtherSourcesOnly: true));
        foreach (var (reference, otherSourcesOnly) in inText.Concat(inUrl))
        {
            if (targets.Resolve(reference, artifact.Origin) is not { } target || target.Id == artifact.Id
                || (otherSourcesOnly && target.Source == artifact.Source))
            {
                continue;
            }

            yield return new DesiredLink(
                target.Id,
                RelationshipTypes.For(artifact.Source, target.ArtifactType),
                reference.Confidence,
                reference.DetectionMethod,
                JsonSerializer.Serialize(new { reference = reference.Key }));
        }
    }

    // The artifacts compared for semantic links: recent ones with an embedding, newest first, bounded.
    private async Task<List<(string Origin, EmbeddedArtifact Artifact)>> ComparableArtifactsAsync(RelationshipDetectionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-settings.SemanticWindowDays);
        // Which ones is decided on the narrow columns alone (sorted with them, the embeddings spilled to
        // disk in the database); the order they are read in does not matter to the links.
        var newest = db.Artifacts
            .Where(a => a.Embedding != null && a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id)
            .Take(settings.MaxSemanticArtifacts)
            .Select(a => a.Id);
        var rows = await db.Artifacts.AsNoTracking()
            .Where(a => newest.Contains(a.Id))
            .Select(a => new { a.Id, a.Source, a.Origin, a.Embedding })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Origin, new EmbeddedArtifact(r.Id, r.Source, r.Embedding!))).ToList();
    }

    private async Task<Dictionary<(string Origin, string Doi), long>> StoredDoisAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StoredDois);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dois = new Dictionary<(string Origin, string Doi), long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dois.TryAdd((reader.GetString(1), reader.GetString(2)), reader.GetInt64(0));
        }

        return dois;
    }

    private async Task<(int Inserted, int Updated, int Deleted)> SynchroniseAsync(
        Dictionary<(long Source, long Target, string Type), DesiredLink> desired, long[] compared, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, CreateBatchTables, cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(CopyDesired, cancellationToken))
        {
            foreach (var ((source, target, type), link) in desired)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(source, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(target, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(type, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(link.Confidence, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(link.DetectionMethod, NpgsqlDbType.Varchar, cancellationToken);
                await (link.Metadata is { } metadata
                    ? writer.WriteAsync(metadata, NpgsqlDbType.Jsonb, cancellationToken)
                    : writer.WriteNullAsync(cancellationToken));
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("copy compared_artifacts (id) from stdin (format binary)", cancellationToken))
        {
            foreach (var id in compared)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "analyze desired_links, compared_artifacts", cancellationToken);
        int inserted, updated, deleted;
        await using (var upsert = new NpgsqlCommand(Upsert, connection, transaction))
        {
            upsert.Parameters.AddWithValue("now", now);
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (inserted, updated) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        }

        await using (var delete = new NpgsqlCommand(DeleteVanished, connection, transaction))
        {
            delete.Parameters.AddWithValue("ownMethods", RelationshipDetectionMethods.All.ToArray());
            delete.Parameters.AddWithValue("semantic", RelationshipDetectionMethods.Semantic);
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (inserted, updated, deleted);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record ArtifactKey(long Id, string Source, string SourceId, string Origin, string ArtifactType);

    private sealed record LinkableArtifact(long Id, string Source, string Origin, string Title, string? Text, string? Url);

    private sealed record DesiredLink(long TargetId, string Type, double Confidence, string DetectionMethod, string? Metadata);

    // Stored papers (by arXiv id and DOI) and repositories (by owner/name), case-insensitively, each
    // within its origin: a sample never points at a live artifact or the other way round.
    private sealed class ReferenceTargets(IReadOnlyList<ArtifactKey> artifacts, IReadOnlyDictionary<(string Origin, string Doi), long> dois)
    {
        private readonly Dictionary<long, ArtifactKey> byId = artifacts.ToDictionary(a => a.Id);

        private readonly Dictionary<(string Origin, string Key), ArtifactKey> papers = artifacts
            .Where(a => a.Source == SourceNames.Arxiv)
            .DistinctBy(a => (a.Origin, a.SourceId.ToLowerInvariant()))
            .ToDictionary(a => (a.Origin, a.SourceId.ToLowerInvariant()));

        private readonly Dictionary<(string Origin, string Key), ArtifactKey> repositories = artifacts
            .Where(a => a.Source == SourceNames.GitHub && a.ArtifactType == ArtifactTypes.Repo)
            .DistinctBy(a => (a.Origin, a.SourceId.ToLowerInvariant()))
            .ToDictionary(a => (a.Origin, a.SourceId.ToLowerInvariant()));

        public ArtifactKey? Resolve(ArtifactReference reference, string origin) => reference.Kind switch
        {
            ArtifactReferenceKind.Arxiv => papers.GetValueOrDefault((origin, reference.Key)),
            ArtifactReferenceKind.Doi => dois.TryGetValue((origin, reference.Key), out var id) ? byId.GetValueOrDefault(id) : null,
            _ => repositories.GetValueOrDefault((origin, reference.Key)),
        };
    }
}
