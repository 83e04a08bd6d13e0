-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "ingestRateLimitPerMinute" INTEGER;

