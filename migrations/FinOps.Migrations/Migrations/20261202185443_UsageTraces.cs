using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <summary>
    /// Token usage may name the workflow execution (trace) a request was one call of, and the workflow's kind. The
    /// partial index serves a trace's requests in order and the runaway check on ingest; rows without a trace cost nothing.
    /// </summary>
    public partial class UsageTraces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                alter table token_usage add column trace_id varchar(200), add column workflow varchar(200);
                create index ix_token_usage_trace on token_usage (trace_id, occurred_at) where trace_id is not null;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop index if exists ix_token_usage_trace;
                alter table token_usage drop column if exists trace_id, drop column if exists workflow;
                """);
        }
    }
}
