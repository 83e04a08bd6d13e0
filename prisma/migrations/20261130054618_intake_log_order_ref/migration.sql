-- CreateIndex
CREATE INDEX "IntakeLog_sourceId_orderRef_idx" ON "IntakeLog"("sourceId", "orderRef");

