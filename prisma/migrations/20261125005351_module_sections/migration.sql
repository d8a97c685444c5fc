-- AlterTable
ALTER TABLE "ModuleProgress" ADD COLUMN     "lastSection" TEXT,
ADD COLUMN     "sectionsRead" JSONB;
