-- AlterTable: existing lines get quantity x unit price as their amount.
ALTER TABLE "order_items" ADD COLUMN "amount" DECIMAL(14,2);
UPDATE "order_items" SET "amount" = "quantity" * "unit_price";
ALTER TABLE "order_items" ALTER COLUMN "amount" SET NOT NULL;

-- CreateTable
CREATE TABLE "data_versions" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_versions_pkey" PRIMARY KEY ("name")
);
