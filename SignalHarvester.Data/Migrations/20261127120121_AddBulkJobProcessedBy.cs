using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignalHarvester.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddBulkJobProcessedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "processed_by",
                table: "bulk_jobs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "processed_by",
                table: "bulk_jobs");
        }
    }
}
