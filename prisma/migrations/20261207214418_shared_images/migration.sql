-- CreateTable
CREATE TABLE "shared_images" (
    "token" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shared_images_pkey" PRIMARY KEY ("token")
);

-- CreateIndex
CREATE INDEX "shared_images_expires_at_idx" ON "shared_images"("expires_at");
