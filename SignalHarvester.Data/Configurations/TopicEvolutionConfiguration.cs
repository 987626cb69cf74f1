using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class TopicEvolutionConfiguration : IEntityTypeConfiguration<TopicEvolution>
{
    public void Configure(EntityTypeBuilder<TopicEvolution> builder)
    {
        builder.ToTable("topic_evolution", t =>
            t.HasCheckConstraint("ck_topic_evolution_period", "period_end >= period_start"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.EventType).HasMaxLength(16);

        builder.HasOne<Topic>().WithMany().HasForeignKey(e => e.TopicId).OnDelete(DeleteBehavior.Cascade);
        // The event stays in the topic's history even after the other topic of a merge / split is deleted.
        builder.HasOne<Topic>().WithMany().HasForeignKey(e => e.RelatedTopicId).OnDelete(DeleteBehavior.SetNull);
        // Trending topics and timelines: one topic's periods in order.
        builder.HasIndex(e => new { e.TopicId, e.PeriodStart });
    }
}
