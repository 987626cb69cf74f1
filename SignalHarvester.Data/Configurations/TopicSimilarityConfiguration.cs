using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class TopicSimilarityConfiguration : IEntityTypeConfiguration<TopicSimilarity>
{
    public void Configure(EntityTypeBuilder<TopicSimilarity> builder)
    {
        // Each unordered pair is stored once, with the smaller id first.
        builder.ToTable("topic_similarity", t =>
            t.HasCheckConstraint("ck_topic_similarity_ordered_pair", "topic_a_id < topic_b_id"));
        builder.HasKey(s => new { s.TopicAId, s.TopicBId });

        builder.HasOne<Topic>().WithMany().HasForeignKey(s => s.TopicAId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Topic>().WithMany().HasForeignKey(s => s.TopicBId).OnDelete(DeleteBehavior.Cascade);
    }
}
