-- CreateTable
CREATE TABLE "bot_state" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bot_state_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "bot_state_updated_at_idx" ON "bot_state"("updated_at");
