-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "offers_opt_out_at" TIMESTAMPTZ(3);
