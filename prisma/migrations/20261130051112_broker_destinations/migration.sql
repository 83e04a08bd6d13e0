-- CreateEnum
CREATE TYPE "DestinationType" AS ENUM ('http', 'rabbitmq', 'nats');

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "destination" JSONB,
ADD COLUMN     "destinationType" "DestinationType" NOT NULL DEFAULT 'http',
ADD COLUMN     "encryptedCredentials" TEXT;

