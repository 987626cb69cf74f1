using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SignalHarvester.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddBulkJobsAndSignalReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "tweets",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_status",
                table: "tweets",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bulk_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    signal_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    processed = table.Column<int>(type: "integer", nullable: false),
                    succeeded = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_jobs", x => x.id);
                    table.CheckConstraint("ck_bulk_jobs_kind", "kind IN ('status', 'delete')");
                    table.CheckConstraint("ck_bulk_jobs_progress", "processed BETWEEN 0 AND total AND succeeded + failed = processed");
                    table.CheckConstraint("ck_bulk_jobs_state", "state IN ('queued', 'running', 'completed', 'cancelled', 'failed')");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_tweets_review_status",
                table: "tweets",
                sql: "review_status IN ('archived', 'dismissed')");

            migrationBuilder.CreateIndex(
                name: "ix_bulk_jobs_unfinished",
                table: "bulk_jobs",
                column: "created_at",
                filter: "state IN ('queued', 'running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulk_jobs");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tweets_review_status",
                table: "tweets");

            migrationBuilder.DropColumn(
                name: "notes",
                table: "tweets");

            migrationBuilder.DropColumn(
                name: "review_status",
                table: "tweets");
        }
    }
}
