using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DataPlatform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feature_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    from_feature_id = table.Column<long>(type: "bigint", nullable: false),
                    into_feature_id = table.Column<long>(type: "bigint", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    merged_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feature_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_feature_merges_features_from_feature_id",
                        column: x => x.from_feature_id,
                        principalTable: "features",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_feature_merges_features_into_feature_id",
                        column: x => x.into_feature_id,
                        principalTable: "features",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ingestion_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisation_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    reporting_time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisation_settings", x => x.id);
                    table.CheckConstraint("ck_organisation_settings_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "providers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    billing_day_offset_hours = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_providers", x => x.id);
                    table.CheckConstraint("ck_providers_offset", "billing_day_offset_hours between -24 and 24");
                });

            migrationBuilder.CreateTable(
                name: "tenant_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    from_tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    into_tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    merged_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_tenant_merges_tenants_from_tenant_id",
                        column: x => x.from_tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tenant_merges_tenants_into_tenant_id",
                        column: x => x.into_tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "usage_hourly",
                columns: table => new
                {
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    feature_id = table.Column<long>(type: "bigint", nullable: false),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    model_id = table.Column<int>(type: "integer", nullable: false),
                    deployment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, defaultValue: ""),
                    service_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, defaultValue: ""),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requests = table.Column<long>(type: "bigint", nullable: false),
                    input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cached_input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    output_tokens = table.Column<long>(type: "bigint", nullable: false),
                    gpu_seconds = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_hourly", x => new { x.tenant_id, x.hour, x.feature_id, x.provider_id, x.model_id, x.deployment, x.service_tier });
                });

            migrationBuilder.CreateTable(
                name: "ingestion_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    batch_id = table.Column<long>(type: "bigint", nullable: true),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    format = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_stored = table.Column<long>(type: "bigint", nullable: false),
                    rows_duplicate = table.Column<long>(type: "bigint", nullable: false),
                    rows_conflict = table.Column<long>(type: "bigint", nullable: false),
                    rows_quarantined = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    superseded_by_file_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingestion_files_ingestion_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "ingestion_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ingestion_files_ingestion_files_superseded_by_file_id",
                        column: x => x.superseded_by_file_id,
                        principalTable: "ingestion_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    first_seen_in_usage = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_models", x => x.id);
                    table.ForeignKey(
                        name: "fk_models_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vendor_attribution_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    key_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    tenant_id = table.Column<long>(type: "bigint", nullable: true),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    mapped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mapped_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendor_attribution_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_vendor_attribution_keys_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_vendor_attribution_keys_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "infra_costs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    pool = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: true),
                    unit = table.Column<string>(type: "text", nullable: true),
                    unit_price = table.Column<decimal>(type: "numeric", nullable: true),
                    amount = table.Column<decimal>(type: "numeric", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_infra_costs", x => x.id);
                    table.CheckConstraint("ck_infra_costs_period", "period_end > period_start");
                    table.ForeignKey(
                        name: "fk_infra_costs_ingestion_files_file_id",
                        column: x => x.file_id,
                        principalTable: "ingestion_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quarantined_rows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<long>(type: "bigint", nullable: false),
                    column_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    raw_text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quarantined_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_quarantined_rows_ingestion_files_file_id",
                        column: x => x.file_id,
                        principalTable: "ingestion_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "billing_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    natural_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    billing_account = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    billing_period_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    billing_period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    charge_period_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    charge_period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    charge_category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    service = table.Column<string>(type: "text", nullable: true),
                    sku = table.Column<string>(type: "text", nullable: true),
                    model_id = table.Column<int>(type: "integer", nullable: true),
                    model_text = table.Column<string>(type: "text", nullable: true),
                    token_direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: true),
                    unit = table.Column<string>(type: "text", nullable: true),
                    billed_cost = table.Column<decimal>(type: "numeric", nullable: false),
                    effective_cost = table.Column<decimal>(type: "numeric", nullable: false),
                    list_cost = table.Column<decimal>(type: "numeric", nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    commitment_status = table.Column<string>(type: "text", nullable: true),
                    tags = table.Column<string>(type: "jsonb", nullable: true),
                    superseded_by_file_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_lines", x => x.id);
                    table.CheckConstraint("ck_billing_lines_period", "charge_period_end >= charge_period_start");
                    table.ForeignKey(
                        name: "fk_billing_lines_ingestion_files_file_id",
                        column: x => x.file_id,
                        principalTable: "ingestion_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_billing_lines_ingestion_files_superseded_by_file_id",
                        column: x => x.superseded_by_file_id,
                        principalTable: "ingestion_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_billing_lines_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_billing_lines_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "model_aliases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    alias = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    model_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_aliases", x => x.id);
                    table.CheckConstraint("ck_model_aliases_lower", "alias = lower(alias)");
                    table.ForeignKey(
                        name: "fk_model_aliases_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_model_aliases_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "price_cards",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    model_id = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    input_per_m_tok = table.Column<decimal>(type: "numeric", nullable: false),
                    output_per_m_tok = table.Column<decimal>(type: "numeric", nullable: false),
                    cached_input_per_m_tok = table.Column<decimal>(type: "numeric", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    batch_discount_pct = table.Column<decimal>(type: "numeric", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_cards", x => x.id);
                    table.CheckConstraint("ck_price_cards_batch", "batch_discount_pct is null or batch_discount_pct between 0 and 100");
                    table.CheckConstraint("ck_price_cards_prices", "input_per_m_tok >= 0 and output_per_m_tok >= 0 and cached_input_per_m_tok >= 0");
                    table.ForeignKey(
                        name: "fk_price_cards_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "organisation_settings",
                columns: new[] { "id", "currency", "reporting_time_zone" },
                values: new object[] { 1, "USD", "UTC" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_occurred_at",
                table: "audit_log",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_billing_lines_current_charge",
                table: "billing_lines",
                columns: new[] { "provider_id", "model_id", "charge_period_start" },
                filter: "superseded_by_file_id is null");

            migrationBuilder.CreateIndex(
                name: "ix_billing_lines_current_scope",
                table: "billing_lines",
                columns: new[] { "provider_id", "billing_account", "billing_period_start" },
                filter: "superseded_by_file_id is null");

            migrationBuilder.CreateIndex(
                name: "ix_billing_lines_file_id_line_number",
                table: "billing_lines",
                columns: new[] { "file_id", "line_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_billing_lines_model_id",
                table: "billing_lines",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_lines_natural_key",
                table: "billing_lines",
                column: "natural_key");

            migrationBuilder.CreateIndex(
                name: "ix_billing_lines_superseded_by_file_id",
                table: "billing_lines",
                column: "superseded_by_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_feature_merges_from_feature_id",
                table: "feature_merges",
                column: "from_feature_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feature_merges_into_feature_id",
                table: "feature_merges",
                column: "into_feature_id");

            migrationBuilder.CreateIndex(
                name: "ix_infra_costs_file_id_line_number",
                table: "infra_costs",
                columns: new[] { "file_id", "line_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_infra_costs_pool_period_start_period_end",
                table: "infra_costs",
                columns: new[] { "pool", "period_start", "period_end" });

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_batch_id",
                table: "ingestion_files",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_sha256_kind",
                table: "ingestion_files",
                columns: new[] { "sha256", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_superseded_by_file_id",
                table: "ingestion_files",
                column: "superseded_by_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_uploaded_at",
                table: "ingestion_files",
                column: "uploaded_at");

            migrationBuilder.CreateIndex(
                name: "ix_model_aliases_model_id",
                table: "model_aliases",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_aliases_provider_id_alias",
                table: "model_aliases",
                columns: new[] { "provider_id", "alias" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_models_provider_id_name",
                table: "models",
                columns: new[] { "provider_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_price_cards_model_id_effective_from",
                table: "price_cards",
                columns: new[] { "model_id", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_providers_slug",
                table: "providers",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quarantined_rows_file_id_line_number",
                table: "quarantined_rows",
                columns: new[] { "file_id", "line_number" });

            migrationBuilder.CreateIndex(
                name: "ix_tenant_merges_from_tenant_id",
                table: "tenant_merges",
                column: "from_tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenant_merges_into_tenant_id",
                table: "tenant_merges",
                column: "into_tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_usage_hourly_hour_provider_id_model_id",
                table: "usage_hourly",
                columns: new[] { "hour", "provider_id", "model_id" });

            migrationBuilder.CreateIndex(
                name: "ix_vendor_attribution_keys_provider_id_key_type_key_value",
                table: "vendor_attribution_keys",
                columns: new[] { "provider_id", "key_type", "key_value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vendor_attribution_keys_tenant_id",
                table: "vendor_attribution_keys",
                column: "tenant_id");

            migrationBuilder.Sql(Sql.DataPlatformSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.DataPlatformSql.Down);

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "billing_lines");

            migrationBuilder.DropTable(
                name: "feature_merges");

            migrationBuilder.DropTable(
                name: "infra_costs");

            migrationBuilder.DropTable(
                name: "model_aliases");

            migrationBuilder.DropTable(
                name: "organisation_settings");

            migrationBuilder.DropTable(
                name: "price_cards");

            migrationBuilder.DropTable(
                name: "quarantined_rows");

            migrationBuilder.DropTable(
                name: "tenant_merges");

            migrationBuilder.DropTable(
                name: "usage_hourly");

            migrationBuilder.DropTable(
                name: "vendor_attribution_keys");

            migrationBuilder.DropTable(
                name: "models");

            migrationBuilder.DropTable(
                name: "ingestion_files");

            migrationBuilder.DropTable(
                name: "providers");

            migrationBuilder.DropTable(
                name: "ingestion_batches");
        }
    }
}
