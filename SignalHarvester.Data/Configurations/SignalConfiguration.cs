using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data.Configurations;

internal sealed class SignalConfiguration : IEntityTypeConfiguration<Signal>
{
    public void Configure(EntityTypeBuilder<Signal> builder)
    {
        builder.ToTable("tweets", t =>
        {
            t.HasCheckConstraint("ck_tweets_urgency", "urgency BETWEEN 0 AND 5");
            t.HasCheckConstraint("ck_tweets_salience", "salience BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_tweets_review_status", "review_status IN ('archived', 'dismissed')");
            t.HasCheckConstraint("ck_tweets_origin", "origin IN ('live', 'sample')");
            t.HasCheckConstraint("ck_tweets_counts",
                "like_count >= 0 AND retweet_count >= 0 AND reply_count >= 0 AND quote_count >= 0");
        });
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(t => t.Origin).HasMaxLength(16).HasDefaultValue(DataOrigin.Live).HasSentinel(null);
        builder.Property(t => t.AuthorId).HasMaxLength(32);
        builder.Property(t => t.AuthorUsername).HasMaxLength(64);
        builder.Property(t => t.AuthorName).HasMaxLength(200);
        builder.Property(t => t.Lang).HasMaxLength(16);
        builder.Property(t => t.ConversationId).HasMaxLength(32);
        builder.Property(t => t.Raw).HasColumnType("jsonb");
        builder.Property(t => t.Category).HasMaxLength(32);
        builder.Property(t => t.Sentiment).HasMaxLength(16);
        builder.Property(t => t.Reasoning).HasMaxLength(400);
        builder.Property(t => t.ClassifiedBy).HasMaxLength(32);
        builder.Property(t => t.ReviewStatus).HasMaxLength(16);
        builder.Property(t => t.Notes).HasMaxLength(2000);
        builder.Property(t => t.NotifyClaimedBy).HasMaxLength(128);
        builder.Property(t => t.NotifyLastError).HasMaxLength(1000);

        // GET /top and the notifier: highest salience first, newest first among equals.
        builder.HasIndex(t => new { t.Salience, t.CreatedAt }).IsDescending(true, true);
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => t.NotifiedAt);
        // GET /signals?search=: ILIKE '%…%' on the text or the author, answered from trigram indexes instead of a scan.
        builder.HasIndex(t => t.Text, "ix_tweets_text_trgm").HasDatabaseName("ix_tweets_text_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(t => t.AuthorUsername, "ix_tweets_author_username_trgm").HasDatabaseName("ix_tweets_author_username_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        // GET /signals in its default order (scored first, highest salience, newest, id) has an expression index,
        // ix_tweets_listing, created by raw SQL in the migration ListingAndSearchIndexes: EF Core cannot model it.
        // The notifier's candidates: scored, not yet notified.
        builder.HasIndex(t => t.Salience).HasDatabaseName("ix_tweets_notification_candidates").HasFilter("notified_at IS NULL");
    }
}
