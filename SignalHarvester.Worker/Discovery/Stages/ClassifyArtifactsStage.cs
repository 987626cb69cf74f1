using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Discovery.Sources;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Classify: every artifact without a classification gets one (LLM or heuristic), is linked to its
/// taxonomy topics (created on first use, parents included) and to the people, labs and
/// organisations behind it (resolved against known entities). Classified artifacts are not redone.
/// </summary>
public sealed class ClassifyArtifactsStage(
    HarvestDbContext db,
    IResearchClassifier classifier,
    EntityResolver entities,
    TimeProvider clock,
    DiscoveryMetrics metrics,
    ILogger<ClassifyArtifactsStage> logger)
{
    private const int BatchSize = 100;
    private const int Parallelism = 4;
    private static readonly double[] TopicConfidence = [1.0, 0.7, 0.5];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await db.Artifacts
                .Where(a => a.Classification == null)
                .OrderBy(a => a.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var results = new ResearchClassification[batch.Count];
            await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, token) => results[i] = await classifier.ClassifyAsync(ToResearchText(batch[i]), token));

            var now = clock.GetUtcNow();
            var topics = await TopicsByPathAsync(results.SelectMany(r => r.Topics), now, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                Save(batch[i], results[i], topics, now);
                await entities.LinkAsync(batch[i], results[i].Entities, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var group in results.GroupBy(r => (r.ClassifiedBy, r.Fallback)))
            {
                metrics.Classified(group.Key.ClassifiedBy, group.Key.Fallback, group.Count());
            }

            total += batch.Count;
        }

        logger.LogInformation("Classified {Count} artifacts", total);
        return total;
    }

    private void Save(Artifact artifact, ResearchClassification result, IReadOnlyDictionary<string, Topic> topics, DateTimeOffset now)
    {
        artifact.Classification = new ArtifactClassification
        {
            Category = result.Category,
            Urgency = result.Urgency,
            Tags = [.. result.Tags],
            Topics = [.. result.Topics],
            Entities = JsonSerializer.Serialize(result.Entities, AuthorJson.Options),
            Reasoning = result.Reasoning,
            ClassifiedBy = result.ClassifiedBy,
            Fallback = result.Fallback,
            ClassifiedAt = now,
        };

        for (var rank = 0; rank < result.Topics.Count; rank++)
        {
            var topic = topics[result.Topics[rank]];
            artifact.Topics.Add(new ArtifactTopic { Topic = topic, Confidence = TopicConfidence[Math.Min(rank, TopicConfidence.Length - 1)], AssignedAt = now });
            topic.LastSeenAt = Max(topic.LastSeenAt, artifact.PublishedAt);
            topic.FirstSeenAt = Min(topic.FirstSeenAt, artifact.PublishedAt);
        }
    }

    // The topic rows for these paths and their parents, creating the missing ones.
    private async Task<Dictionary<string, Topic>> TopicsByPathAsync(IEnumerable<string> paths, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = paths.SelectMany(WithAncestors).Distinct().OrderBy(p => p.Length).ToList();
        var topics = await db.Topics.Where(t => wanted.Contains(t.Name)).ToDictionaryAsync(t => t.Name, cancellationToken);
        foreach (var path in wanted.Where(p => !topics.ContainsKey(p)))
        {
            var parent = ResearchTaxonomy.ParentOf(path);
            var topic = new Topic { Name = path, DisplayName = ResearchTaxonomy.DisplayName(path), CreatedAt = now };
            if (parent is not null)
            {
                topic.Parent = topics[parent];
            }

            db.Topics.Add(topic);
            topics[path] = topic;
        }

        return topics;

        static IEnumerable<string> WithAncestors(string path)
        {
            for (var current = path; current is not null; current = ResearchTaxonomy.ParentOf(current))
            {
                yield return current;
            }
        }
    }

    private static ResearchText ToResearchText(Artifact artifact)
    {
        var authors = ReadAuthors(artifact.Authors);
        return new ResearchText(
            artifact.Source,
            artifact.ArtifactType,
            artifact.Title,
            artifact.Text,
            authors.Select(a => a.Name).ToList(),
            authors.Select(a => a.Affiliation).OfType<string>().Distinct().ToList(),
            ReadLabels(artifact.Raw));
    }

    private static List<SourceAuthor> ReadAuthors(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<SourceAuthor>>(json, AuthorJson.Options) ?? [];

    // arXiv categories or GitHub topics, wherever the source put them in the raw payload.
    private static List<string> ReadLabels(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return [];
        }

        using var document = JsonDocument.Parse(raw);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : new[] { "categories", "topics" }
                .Where(name => document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
                .SelectMany(name => document.RootElement.GetProperty(name).EnumerateArray())
                .Where(value => value.ValueKind == JsonValueKind.String)
                .Select(value => value.GetString()!)
                .ToList();
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a.Value;

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is null || b < a ? b : a.Value;
}
