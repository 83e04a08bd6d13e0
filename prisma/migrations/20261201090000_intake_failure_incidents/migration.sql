-- AlterEnum
ALTER TYPE "IncidentRule" ADD VALUE 'intake_failures';

-- AlterTable
ALTER TABLE "OrderSource" DROP COLUMN "lastAlertAt";

