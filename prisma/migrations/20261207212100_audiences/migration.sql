-- CreateEnum
CREATE TYPE "AudienceMode" AS ENUM ('live', 'snapshot');

-- CreateTable
CREATE TABLE "audiences" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "mode" "AudienceMode" NOT NULL,
    "definition" JSONB NOT NULL,
    "scope_region" TEXT,
    "created_by" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "evaluated_on" TEXT NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "audiences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audience_members" (
    "audience_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,

    CONSTRAINT "audience_members_pkey" PRIMARY KEY ("audience_id","customer_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audiences_name_key" ON "audiences"("name");

-- CreateIndex
CREATE INDEX "audience_members_customer_id_idx" ON "audience_members"("customer_id");

-- AddForeignKey
ALTER TABLE "audience_members" ADD CONSTRAINT "audience_members_audience_id_fkey" FOREIGN KEY ("audience_id") REFERENCES "audiences"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audience_members" ADD CONSTRAINT "audience_members_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
