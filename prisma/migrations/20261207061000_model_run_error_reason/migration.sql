-- AlterTable
ALTER TABLE "model_runs" ADD COLUMN     "error_reason" JSONB;
