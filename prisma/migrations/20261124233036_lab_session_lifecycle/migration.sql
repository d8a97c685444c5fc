-- AlterTable
ALTER TABLE "LabSession" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "notice" TEXT,
ADD COLUMN     "savedAt" TIMESTAMPTZ(3);
