using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RunawayLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "runaway_cost_limit_per_hour",
                table: "organisation_settings",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "runaway_max_calls_per_hour",
                table: "organisation_settings",
                type: "integer",
                nullable: false,
                defaultValue: 200);

            migrationBuilder.UpdateData(
                table: "organisation_settings",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "runaway_cost_limit_per_hour", "runaway_max_calls_per_hour" },
                values: new object[] { null, 200 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "runaway_cost_limit_per_hour",
                table: "organisation_settings");

            migrationBuilder.DropColumn(
                name: "runaway_max_calls_per_hour",
                table: "organisation_settings");
        }
    }
}
