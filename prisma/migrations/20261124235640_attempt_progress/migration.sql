-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "labVersion" TEXT,
ADD COLUMN     "progress" JSONB;
