-- CreateTable
CREATE TABLE "ListenSession" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "encryptedSecret" TEXT,
    "eventTypes" "EventType"[],
    "format" "PayloadFormat" NOT NULL DEFAULT 'json',
    "schemaVersion" "SchemaVersion" NOT NULL DEFAULT 'v2',
    "forwardTo" TEXT NOT NULL,
    "lastAckedEventId" TEXT,
    "connectionId" TEXT,
    "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ListenSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListenAttempt" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "eventId" TEXT,
    "webhookId" TEXT NOT NULL,
    "eventType" "EventType" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "success" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "errorMessage" TEXT,
    "responseExcerpt" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ListenAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListenTestEvent" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "type" "EventType" NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ListenTestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ListenSession_partnerId_endedAt_idx" ON "ListenSession"("partnerId", "endedAt");

-- CreateIndex
CREATE INDEX "ListenAttempt_eventId_idx" ON "ListenAttempt"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "ListenAttempt_sessionId_webhookId_key" ON "ListenAttempt"("sessionId", "webhookId");

-- CreateIndex
CREATE INDEX "ListenTestEvent_partnerId_createdAt_idx" ON "ListenTestEvent"("partnerId", "createdAt");

-- AddForeignKey
ALTER TABLE "ListenSession" ADD CONSTRAINT "ListenSession_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListenSession" ADD CONSTRAINT "ListenSession_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListenAttempt" ADD CONSTRAINT "ListenAttempt_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ListenSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListenAttempt" ADD CONSTRAINT "ListenAttempt_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "OrderEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListenTestEvent" ADD CONSTRAINT "ListenTestEvent_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

