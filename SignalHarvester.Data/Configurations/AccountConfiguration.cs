using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Platform).HasMaxLength(16);
        builder.Property(a => a.Handle).HasMaxLength(200);
        builder.Property(a => a.DisplayName).HasMaxLength(300);
        builder.Property(a => a.Url).HasMaxLength(2048);

        // An account exists on its platform whether or not we know who owns it.
        builder.HasOne<ResearchEntity>().WithMany().HasForeignKey(a => a.EntityId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.Platform, a.Handle }).IsUnique();
    }
}
