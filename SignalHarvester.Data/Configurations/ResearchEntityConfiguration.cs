using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ResearchEntityConfiguration : IEntityTypeConfiguration<ResearchEntity>
{
    public void Configure(EntityTypeBuilder<ResearchEntity> builder)
    {
        builder.ToTable("entities", t =>
            t.HasCheckConstraint("ck_entities_entity_type", "entity_type IN ('person', 'lab', 'org')"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.EntityType).HasMaxLength(16);
        builder.Property(e => e.Name).HasMaxLength(300);
        builder.Property(e => e.NormalizedName).HasMaxLength(300);
        builder.Property(e => e.Affiliation).HasMaxLength(300);
        builder.Property(e => e.HomepageUrl).HasMaxLength(2048);
        builder.Property(e => e.Domain).HasMaxLength(255);

        // Deleting the surviving entity of a merge un-merges the others rather than deleting them.
        builder.HasOne<ResearchEntity>().WithMany().HasForeignKey(e => e.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => e.NormalizedName);
        // GET /entities/search narrows candidates with LIKE '%word%' on the normalized name.
        builder.HasIndex(e => e.NormalizedName, "ix_entities_normalized_name_trgm").HasDatabaseName("ix_entities_normalized_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
