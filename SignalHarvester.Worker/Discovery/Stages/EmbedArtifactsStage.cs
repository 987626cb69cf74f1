using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>Embed: a vector for every artifact that has none (title and text), through the configured generator.</summary>
public sealed class EmbedArtifactsStage(HarvestDbContext db, IEmbeddingGenerator<string, Embedding<float>> generator, ILogger<EmbedArtifactsStage> logger)
{
    private const int BatchSize = 64;

    /// <summary>What an artifact's vector is computed from.</summary>
    public static string EmbeddingText(Artifact artifact) => $"{artifact.Title}\n{artifact.Text}";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await db.Artifacts.Where(a => a.Embedding == null).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var embeddings = await generator.GenerateAsync(batch.Select(EmbeddingText), cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Embedding = embeddings[i].Vector.ToArray();
            }

            await db.SaveChangesAsync(cancellationToken);
            total += batch.Count;
        }

        logger.LogInformation("Embedded {Count} artifacts", total);
        return total;
    }
}
