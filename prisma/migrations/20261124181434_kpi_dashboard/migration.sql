-- AlterTable
ALTER TABLE "change_request" ADD COLUMN     "production_reached_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "change_request_first_production_deploy_at_idx" ON "change_request"("first_production_deploy_at");

-- CreateIndex
CREATE INDEX "change_request_change_class_first_production_deploy_at_idx" ON "change_request"("change_class", "first_production_deploy_at");

-- CreateIndex
CREATE INDEX "change_request_production_reached_at_idx" ON "change_request"("production_reached_at");

-- CreateIndex
CREATE INDEX "config_change_is_reported_after_applied_at_idx" ON "config_change"("is_reported_after", "applied_at");

-- CreateIndex
CREATE INDEX "deployment_is_unauthorized_started_at_idx" ON "deployment"("is_unauthorized", "started_at");

-- CreateIndex
CREATE INDEX "migration_plan_executed_at_idx" ON "migration_plan"("executed_at");

-- Backfill: the moment each change first reached production, from its recorded deploys.
UPDATE "change_request" AS c
SET "production_reached_at" = reached.at
FROM (
  SELECT d."change_request_id", min(coalesce(d."finished_at", d."started_at")) AS at
  FROM "deployment" AS d
  JOIN "environment" AS e ON e."id" = d."environment_id"
  WHERE e."is_production" AND d."status" = 'succeeded'
  GROUP BY d."change_request_id"
) AS reached
WHERE reached."change_request_id" = c."id";
