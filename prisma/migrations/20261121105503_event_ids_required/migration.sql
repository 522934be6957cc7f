-- Events loaded before ids were required get one derived from their row id.
UPDATE "events" SET "external_id" = 'E' || "id" WHERE "external_id" IS NULL;

-- AlterTable
ALTER TABLE "events" ALTER COLUMN "external_id" SET NOT NULL;
