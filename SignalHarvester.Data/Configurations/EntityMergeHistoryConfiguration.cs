using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class EntityMergeHistoryConfiguration : IEntityTypeConfiguration<EntityMergeHistory>
{
    public void Configure(EntityTypeBuilder<EntityMergeHistory> builder)
    {
        builder.ToTable("entity_merge_history", t =>
            t.HasCheckConstraint("ck_entity_merge_history_decision",
                "decision IN ('merge', 'ignore', 'watch', 'needs_review')"));
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Decision).HasMaxLength(16);
        builder.Property(h => h.DecidedBy).HasMaxLength(100);

        // The audit trail must survive: an entity with recorded decisions cannot be deleted (merged entities are kept, not deleted).
        builder.HasOne<ResearchEntity>().WithMany().HasForeignKey(h => h.PrimaryEntityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ResearchEntity>().WithMany().HasForeignKey(h => h.MergedEntityId).OnDelete(DeleteBehavior.Restrict);
    }
}
