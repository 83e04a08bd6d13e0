-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN     "responseText" TEXT;

