-- CreateEnum
CREATE TYPE "DigestFrequency" AS ENUM ('off', 'daily', 'weekly');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "alert_settings" (
    "telegram_user_id" BIGINT NOT NULL,
    "language" TEXT,
    "digest" "DigestFrequency" NOT NULL DEFAULT 'off',
    "digest_time" TEXT NOT NULL DEFAULT '09:00',
    "time_zone" TEXT,
    "weekday" INTEGER NOT NULL DEFAULT 1,
    "screenshot_block" TEXT,
    "quiet_start" TEXT,
    "quiet_end" TEXT,
    "churn_rate_above" DECIMAL(5,2),
    "churn_probability_at_least" DECIMAL(5,2),
    "high_value_from" DECIMAL(14,2) NOT NULL DEFAULT 1000,
    "failures_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_settings_pkey" PRIMARY KEY ("telegram_user_id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" BIGSERIAL NOT NULL,
    "telegram_user_id" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "text" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_states" (
    "telegram_user_id" BIGINT NOT NULL,
    "rule" TEXT NOT NULL,
    "fired" BOOLEAN NOT NULL,
    "episode" INTEGER NOT NULL DEFAULT 0,
    "value" DOUBLE PRECISION,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_states_pkey" PRIMARY KEY ("telegram_user_id","rule")
);

-- CreateTable
CREATE TABLE "ingest_failures" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_status_due_at_idx" ON "notifications"("status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_telegram_user_id_kind_key_key" ON "notifications"("telegram_user_id", "kind", "key");

-- CreateIndex
CREATE INDEX "ingest_failures_at_idx" ON "ingest_failures"("at");
