-- AlterTable
ALTER TABLE "customer_scores" ADD COLUMN     "details" JSONB;
