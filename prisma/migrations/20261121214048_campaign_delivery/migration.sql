-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DeliveryState" ADD VALUE 'sending';
ALTER TYPE "DeliveryState" ADD VALUE 'opted_out';

-- AlterTable
ALTER TABLE "offer_assignments" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "message_id" INTEGER,
ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "offers" ADD COLUMN     "gift_cost" DECIMAL(12,2);

-- CreateIndex
CREATE INDEX "offer_assignments_delivery_state_next_attempt_at_idx" ON "offer_assignments"("delivery_state", "next_attempt_at");
