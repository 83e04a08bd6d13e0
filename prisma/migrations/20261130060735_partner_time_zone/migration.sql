-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Asia/Kolkata';

