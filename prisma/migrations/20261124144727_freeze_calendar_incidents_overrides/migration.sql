-- AlterTable
ALTER TABLE "freeze_override" ADD COLUMN     "revocation_reason" TEXT,
ADD COLUMN     "revoked_by_id" UUID;

-- AlterTable
ALTER TABLE "holiday" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "summary" TEXT NOT NULL DEFAULT '';

-- AddForeignKey
ALTER TABLE "freeze_override" ADD CONSTRAINT "freeze_override_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
