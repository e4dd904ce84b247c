using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <summary>Tag values counted at ingest (<see cref="Sql.UsageTagRollupSql"/>): vendor-key suggestions stop reading raw requests.</summary>
    public partial class UsageTagRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "usage_tag_hourly",
                columns: table => new
                {
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requests = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_tag_hourly", x => new { x.tenant_id, x.hour, x.value });
                    table.CheckConstraint("ck_usage_tag_hourly_requests", "requests >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "ix_usage_tag_hourly_value_hour",
                table: "usage_tag_hourly",
                columns: new[] { "value", "hour" });

            migrationBuilder.Sql(Sql.UsageTagRollupSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.UsageTagRollupSql.Down);

            migrationBuilder.DropTable(
                name: "usage_tag_hourly");
        }
    }
}
