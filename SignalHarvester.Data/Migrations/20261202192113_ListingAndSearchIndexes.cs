using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignalHarvester.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListingAndSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_tweets_author_username_trgm",
                table: "tweets",
                column: "author_username")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_tweets_text_trgm",
                table: "tweets",
                column: "text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_normalized_name_trgm",
                table: "entities",
                column: "normalized_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // GET /signals in its default order: EF Core emits ORDER BY salience IS NOT NULL DESC, salience DESC,
            // created_at DESC, id, which only an index on that same expression serves (the model cannot declare one).
            migrationBuilder.Sql("""
                CREATE INDEX ix_tweets_listing ON tweets ((salience IS NOT NULL) DESC, salience DESC, created_at DESC, id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_tweets_listing;");

            migrationBuilder.DropIndex(
                name: "ix_tweets_author_username_trgm",
                table: "tweets");

            migrationBuilder.DropIndex(
                name: "ix_tweets_text_trgm",
                table: "tweets");

            migrationBuilder.DropIndex(
                name: "ix_entities_normalized_name_trgm",
                table: "entities");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
