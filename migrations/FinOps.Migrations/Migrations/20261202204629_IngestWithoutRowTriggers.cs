using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <summary>
    /// Ingest claims (source, request id) keys and adds the hourly rollup itself, in the statements that insert
    /// (ADR 0004, revised): the two AFTER INSERT triggers that read a transition table holding a second copy of every
    /// row go. The delete trigger stays (deleting a request releases its key and takes it off the rollup).
    /// </summary>
    public partial class IngestWithoutRowTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop trigger if exists token_usage_claim_keys on token_usage;
                drop trigger if exists usage_hourly_add on token_usage;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create trigger token_usage_claim_keys after insert on token_usage
                    referencing new table as new_rows for each statement execute function token_usage_claim_keys();
                create trigger usage_hourly_add after insert on token_usage
                    referencing new table as new_rows for each statement execute function usage_hourly_add();
                """);
        }
    }
}
