-- CreateEnum
CREATE TYPE "FlagAuditDecision" AS ENUM ('pending', 'removed', 'extended');

-- AlterTable
ALTER TABLE "feature" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "feature_flag" ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "extension_reason" TEXT;

-- AlterTable
ALTER TABLE "flag_rollout_change" ADD COLUMN     "changed_by_id" UUID;

-- AlterTable
ALTER TABLE "policy_settings" ADD COLUMN     "experiment_flag_ttl_days" INTEGER NOT NULL DEFAULT 90;

-- CreateTable
CREATE TABLE "flag_audit" (
    "id" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "flag_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_audit_item" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "flag_id" UUID NOT NULL,
    "decision" "FlagAuditDecision" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "extended_to" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "flag_audit_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "flag_audit_month_key" ON "flag_audit"("month");

-- CreateIndex
CREATE INDEX "flag_audit_item_flag_id_idx" ON "flag_audit_item"("flag_id");

-- CreateIndex
CREATE UNIQUE INDEX "flag_audit_item_audit_id_flag_id_key" ON "flag_audit_item"("audit_id", "flag_id");

-- AddForeignKey
ALTER TABLE "flag_rollout_change" ADD CONSTRAINT "flag_rollout_change_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_audit_item" ADD CONSTRAINT "flag_audit_item_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "flag_audit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_audit_item" ADD CONSTRAINT "flag_audit_item_flag_id_fkey" FOREIGN KEY ("flag_id") REFERENCES "feature_flag"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_audit_item" ADD CONSTRAINT "flag_audit_item_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
