-- The SLA rollup becomes incremental (lib/sla/refresh.ts): each partner's settled rows hold the
-- attempts started before its "countedUntil", each counted once; rows marked provisional hold the
-- last minutes' and are replaced at every refresh. Every partner is rolled up again from its raw
-- history once, at the first refresh after this migration (as when the rollup was introduced).
DELETE FROM "SlaRollupState";
DELETE FROM "SlaRollup";

-- AlterTable
ALTER TABLE "SlaRollup" DROP CONSTRAINT "SlaRollup_pkey",
ADD COLUMN     "provisional" BOOLEAN NOT NULL DEFAULT false,
ADD CONSTRAINT "SlaRollup_pkey" PRIMARY KEY ("partnerId", "grain", "periodStart", "bucketMs", "provisional");

-- AlterTable
ALTER TABLE "SlaRollupState" ADD COLUMN     "countedUntil" TIMESTAMP(3) NOT NULL;
