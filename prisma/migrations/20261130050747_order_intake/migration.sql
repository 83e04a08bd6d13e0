-- CreateEnum
CREATE TYPE "OrderSourceType" AS ENUM ('shopify', 'woocommerce', 'generic');

-- CreateEnum
CREATE TYPE "IntakeValidation" AS ENUM ('strict', 'lenient');

-- CreateEnum
CREATE TYPE "IntakeOutcome" AS ENUM ('accepted', 'duplicate', 'ignored', 'rejected', 'unauthorized', 'failed');

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "defaultCountry" TEXT NOT NULL DEFAULT 'IN';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "phoneIssue" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'api';

-- CreateTable
CREATE TABLE "OrderSource" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "type" "OrderSourceType" NOT NULL,
    "name" TEXT NOT NULL,
    "validation" "IntakeValidation" NOT NULL DEFAULT 'strict',
    "mapping" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "encryptedSecret" TEXT NOT NULL,
    "previousEncryptedSecret" TEXT,
    "previousExpiresAt" TIMESTAMP(3),
    "lastReceivedAt" TIMESTAMP(3),
    "lastAlertAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntakeLog" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveryId" TEXT,
    "topic" TEXT,
    "headers" JSONB NOT NULL,
    "body" TEXT,
    "verified" BOOLEAN NOT NULL,
    "outcome" "IntakeOutcome" NOT NULL,
    "reasonCode" TEXT,
    "reason" TEXT,
    "orderRef" TEXT,
    "orderId" TEXT,
    "replayCount" INTEGER NOT NULL DEFAULT 0,
    "lastReplayedAt" TIMESTAMP(3),

    CONSTRAINT "IntakeLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderSource_partnerId_idx" ON "OrderSource"("partnerId");

-- CreateIndex
CREATE INDEX "IntakeLog_partnerId_receivedAt_idx" ON "IntakeLog"("partnerId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "IntakeLog_sourceId_receivedAt_idx" ON "IntakeLog"("sourceId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "IntakeLog_sourceId_deliveryId_idx" ON "IntakeLog"("sourceId", "deliveryId");

-- AddForeignKey
ALTER TABLE "OrderSource" ADD CONSTRAINT "OrderSource_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeLog" ADD CONSTRAINT "IntakeLog_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeLog" ADD CONSTRAINT "IntakeLog_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "OrderSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

