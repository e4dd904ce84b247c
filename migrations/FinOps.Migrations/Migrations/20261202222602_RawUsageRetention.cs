using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <summary>
    /// Raw requests are kept a configurable number of months (default 13): the organisation's setting, the record of
    /// each dropped month, and the owner's function that drops one (<see cref="Sql.RawUsageRetentionSql"/>).
    /// </summary>
    public partial class RawUsageRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "raw_usage_retention_months",
                table: "organisation_settings",
                type: "integer",
                nullable: false,
                defaultValue: 13);

            migrationBuilder.CreateTable(
                name: "dropped_usage_months",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    requests = table.Column<long>(type: "bigint", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    dropped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dropped_usage_months", x => x.month);
                    table.CheckConstraint("ck_dropped_usage_months_counts", "requests >= 0 and bytes >= 0");
                    table.CheckConstraint("ck_dropped_usage_months_first_day", "extract(day from month) = 1");
                });

            migrationBuilder.UpdateData(
                table: "organisation_settings",
                keyColumn: "id",
                keyValue: 1,
                column: "raw_usage_retention_months",
                value: 13);

            migrationBuilder.AddCheckConstraint(
                name: "ck_organisation_settings_raw_usage_retention",
                table: "organisation_settings",
                sql: "raw_usage_retention_months between 1 and 120");

            migrationBuilder.Sql(Sql.RawUsageRetentionSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.RawUsageRetentionSql.Down);

            migrationBuilder.DropTable(
                name: "dropped_usage_months");

            migrationBuilder.DropCheckConstraint(
                name: "ck_organisation_settings_raw_usage_retention",
                table: "organisation_settings");

            migrationBuilder.DropColumn(
                name: "raw_usage_retention_months",
                table: "organisation_settings");
        }
    }
}
