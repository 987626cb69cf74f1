using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class TopicClusterConfiguration : IEntityTypeConfiguration<TopicCluster>
{
    public void Configure(EntityTypeBuilder<TopicCluster> builder)
    {
        builder.ToTable("topic_clusters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.TopicIds).HasColumnType("bigint[]");
        builder.Property(c => c.Centroid).HasColumnType("real[]");
    }
}
