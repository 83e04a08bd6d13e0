-- CreateEnum
CREATE TYPE "SlaGrain" AS ENUM ('hour', 'day');

-- CreateEnum
CREATE TYPE "IncidentRule" AS ENUM ('failure_rate', 'delivery_delay', 'dead_letters_waiting', 'endpoint_disabled');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "developerToolsEnabledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SlaRollup" (
    "partnerId" TEXT NOT NULL,
    "grain" "SlaGrain" NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "bucketMs" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL,
    "withinTarget" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "SlaRollup_pkey" PRIMARY KEY ("partnerId","grain","periodStart","bucketMs")
);

-- CreateTable
CREATE TABLE "SlaRollupState" (
    "partnerId" TEXT NOT NULL,
    "backfilledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaRollupState_pkey" PRIMARY KEY ("partnerId")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "endpointUrl" TEXT NOT NULL,
    "rule" "IncidentRule" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "summary" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "notifiedAt" TIMESTAMP(3),
    "lastNotifiedAt" TIMESTAMP(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSettings" (
    "partnerId" TEXT NOT NULL,
    "overrides" JSONB NOT NULL DEFAULT '{}',
    "opsEndpointId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("partnerId")
);

-- CreateTable
CREATE TABLE "OperationalWebhook" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "MessageStatus" NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "statusCode" INTEGER,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperationalWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SunsetNotice" (
    "partnerId" TEXT NOT NULL,
    "milestoneDays" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SunsetNotice_pkey" PRIMARY KEY ("partnerId","milestoneDays")
);

-- CreateTable
CREATE TABLE "SupportBundle" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportBundle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlaRollup_grain_periodStart_idx" ON "SlaRollup"("grain", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openKey_key" ON "Incident"("openKey");

-- CreateIndex
CREATE INDEX "Incident_partnerId_openedAt_idx" ON "Incident"("partnerId", "openedAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "Incident_endpointId_rule_openedAt_idx" ON "Incident"("endpointId", "rule", "openedAt" DESC);

-- CreateIndex
CREATE INDEX "OperationalWebhook_nextAttemptAt_idx" ON "OperationalWebhook"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "OperationalWebhook_incidentId_idx" ON "OperationalWebhook"("incidentId");

-- CreateIndex
CREATE INDEX "SupportBundle_partnerId_createdAt_idx" ON "SupportBundle"("partnerId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "SlaRollup" ADD CONSTRAINT "SlaRollup_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaRollupState" ADD CONSTRAINT "SlaRollupState_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertSettings" ADD CONSTRAINT "AlertSettings_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperationalWebhook" ADD CONSTRAINT "OperationalWebhook_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperationalWebhook" ADD CONSTRAINT "OperationalWebhook_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SunsetNotice" ADD CONSTRAINT "SunsetNotice_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportBundle" ADD CONSTRAINT "SupportBundle_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Partners that already connected a system (an endpoint or a partner API key) keep their developer screens.
UPDATE "Partner" p SET "developerToolsEnabledAt" = CURRENT_TIMESTAMP
 WHERE EXISTS (SELECT 1 FROM "Endpoint" e WHERE e."partnerId" = p.id)
    OR EXISTS (SELECT 1 FROM "ApiKey" k WHERE k."partnerId" = p.id AND k.kind = 'partner');
