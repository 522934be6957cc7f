-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'manager');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('web', 'app', 'telegram', 'offline', 'other');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('completed', 'pending', 'cancelled', 'returned');

-- CreateEnum
CREATE TYPE "OfferKind" AS ENUM ('discount_percent', 'discount_amount', 'gift');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'queued', 'sent', 'failed', 'blocked', 'no_telegram');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'running', 'finished', 'cancelled');

-- CreateEnum
CREATE TYPE "CampaignGroup" AS ENUM ('target', 'control');

-- CreateEnum
CREATE TYPE "ModelKind" AS ENUM ('segments', 'churn', 'clv', 'recs', 'elasticity');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "customers" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'default',
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "region" TEXT,
    "acquisition_channel" TEXT,
    "signup_at" TIMESTAMPTZ(3),
    "telegram_user_id" BIGINT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" SERIAL NOT NULL,
    "telegram_user_id" BIGINT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "region_scope" TEXT,
    "name" TEXT,
    "granted_by" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'default',
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_prices" (
    "id" SERIAL NOT NULL,
    "product_id" INTEGER NOT NULL,
    "price" DECIMAL(12,2) NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'default',
    "external_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "channel" "Channel" NOT NULL DEFAULT 'other',
    "region" TEXT,
    "status" "OrderStatus" NOT NULL DEFAULT 'completed',
    "total" DECIMAL(14,2) NOT NULL,
    "promo_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_items" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "product_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "order_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contracts" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'default',
    "external_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "plan" TEXT NOT NULL,
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "end_at" TIMESTAMPTZ(3),
    "monthly_amount" DECIMAL(12,2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contracts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'default',
    "external_id" TEXT,
    "customer_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offers" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" "OfferKind" NOT NULL,
    "percent_off" INTEGER,
    "amount_off" DECIMAL(12,2),
    "gift" TEXT,
    "terms" TEXT,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3) NOT NULL,
    "created_by" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer_assignments" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "code" TEXT NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigned_by" BIGINT,
    "delivery_state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "delivery_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "redeemed_at" TIMESTAMPTZ(3),
    "order_id" INTEGER,

    CONSTRAINT "offer_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "target" JSONB NOT NULL,
    "control_share" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "seed" INTEGER NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "end_at" TIMESTAMPTZ(3) NOT NULL,
    "launched_at" TIMESTAMPTZ(3),
    "created_by" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_members" (
    "campaign_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "group" "CampaignGroup" NOT NULL,

    CONSTRAINT "campaign_members_pkey" PRIMARY KEY ("campaign_id","customer_id")
);

-- CreateTable
CREATE TABLE "model_runs" (
    "id" SERIAL NOT NULL,
    "kind" "ModelKind" NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "artefact" JSONB,
    "error" TEXT,

    CONSTRAINT "model_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_scores" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "model_run_id" INTEGER NOT NULL,
    "segment" TEXT,
    "churn_probability" DOUBLE PRECISION,
    "p_alive" DOUBLE PRECISION,
    "expected_purchases" DOUBLE PRECISION,
    "clv" DECIMAL(14,2),
    "reasons" JSONB,
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_telegram_id" BIGINT,
    "actor_role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customers_telegram_user_id_key" ON "customers"("telegram_user_id");

-- CreateIndex
CREATE INDEX "customers_region_idx" ON "customers"("region");

-- CreateIndex
CREATE INDEX "customers_acquisition_channel_idx" ON "customers"("acquisition_channel");

-- CreateIndex
CREATE INDEX "customers_phone_idx" ON "customers"("phone");

-- CreateIndex
CREATE INDEX "customers_email_idx" ON "customers"("email");

-- CreateIndex
CREATE INDEX "customers_signup_at_idx" ON "customers"("signup_at");

-- CreateIndex
CREATE INDEX "customers_tags_idx" ON "customers" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "customers_attributes_idx" ON "customers" USING GIN ("attributes" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "customers_source_external_id_key" ON "customers"("source", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "staff_telegram_user_id_key" ON "staff"("telegram_user_id");

-- CreateIndex
CREATE INDEX "products_category_idx" ON "products"("category");

-- CreateIndex
CREATE INDEX "products_tags_idx" ON "products" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "products_source_sku_key" ON "products"("source", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "product_prices_product_id_valid_from_key" ON "product_prices"("product_id", "valid_from");

-- CreateIndex
CREATE INDEX "orders_customer_id_placed_at_idx" ON "orders"("customer_id", "placed_at");

-- CreateIndex
CREATE INDEX "orders_placed_at_idx" ON "orders"("placed_at");

-- CreateIndex
CREATE INDEX "orders_promo_code_idx" ON "orders"("promo_code");

-- CreateIndex
CREATE UNIQUE INDEX "orders_source_external_id_key" ON "orders"("source", "external_id");

-- CreateIndex
CREATE INDEX "order_items_product_id_idx" ON "order_items"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_items_order_id_line_no_key" ON "order_items"("order_id", "line_no");

-- CreateIndex
CREATE INDEX "contracts_customer_id_idx" ON "contracts"("customer_id");

-- CreateIndex
CREATE INDEX "contracts_start_at_end_at_idx" ON "contracts"("start_at", "end_at");

-- CreateIndex
CREATE UNIQUE INDEX "contracts_source_external_id_key" ON "contracts"("source", "external_id");

-- CreateIndex
CREATE INDEX "events_customer_id_occurred_at_idx" ON "events"("customer_id", "occurred_at");

-- CreateIndex
CREATE INDEX "events_occurred_at_idx" ON "events"("occurred_at");

-- CreateIndex
CREATE INDEX "events_type_occurred_at_idx" ON "events"("type", "occurred_at");

-- CreateIndex
CREATE INDEX "events_properties_idx" ON "events" USING GIN ("properties" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "events_source_external_id_key" ON "events"("source", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "offers_code_key" ON "offers"("code");

-- CreateIndex
CREATE UNIQUE INDEX "offer_assignments_code_key" ON "offer_assignments"("code");

-- CreateIndex
CREATE UNIQUE INDEX "offer_assignments_order_id_key" ON "offer_assignments"("order_id");

-- CreateIndex
CREATE INDEX "offer_assignments_customer_id_idx" ON "offer_assignments"("customer_id");

-- CreateIndex
CREATE INDEX "offer_assignments_campaign_id_idx" ON "offer_assignments"("campaign_id");

-- CreateIndex
CREATE UNIQUE INDEX "offer_assignments_offer_id_customer_id_key" ON "offer_assignments"("offer_id", "customer_id");

-- CreateIndex
CREATE INDEX "campaign_members_customer_id_idx" ON "campaign_members"("customer_id");

-- CreateIndex
CREATE INDEX "model_runs_kind_started_at_idx" ON "model_runs"("kind", "started_at");

-- CreateIndex
CREATE INDEX "customer_scores_customer_id_scored_at_idx" ON "customer_scores"("customer_id", "scored_at");

-- CreateIndex
CREATE UNIQUE INDEX "customer_scores_model_run_id_customer_id_key" ON "customer_scores"("model_run_id", "customer_id");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_name_key" ON "api_keys"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- AddForeignKey
ALTER TABLE "product_prices" ADD CONSTRAINT "product_prices_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_assignments" ADD CONSTRAINT "offer_assignments_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_assignments" ADD CONSTRAINT "offer_assignments_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_assignments" ADD CONSTRAINT "offer_assignments_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_assignments" ADD CONSTRAINT "offer_assignments_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_scores" ADD CONSTRAINT "customer_scores_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_scores" ADD CONSTRAINT "customer_scores_model_run_id_fkey" FOREIGN KEY ("model_run_id") REFERENCES "model_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
