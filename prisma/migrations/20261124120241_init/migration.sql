-- CreateEnum
CREATE TYPE "Role" AS ENUM ('engineer', 'manager', 'auditor', 'admin');

-- CreateEnum
CREATE TYPE "ChangeClass" AS ENUM ('standard', 'normal', 'emergency', 'major');

-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('draft', 'submitted', 'approved', 'rejected', 'cancelled', 'deployed', 'closed');

-- CreateEnum
CREATE TYPE "ChangeOutcome" AS ENUM ('succeeded', 'failed', 'rolled_back');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('sev1', 'sev2', 'sev3', 'sev4');

-- CreateEnum
CREATE TYPE "ChangeIncidentLink" AS ENUM ('fixes', 'caused');

-- CreateEnum
CREATE TYPE "ExceptionKind" AS ENUM ('emergency_change', 'freeze_override', 'other');

-- CreateEnum
CREATE TYPE "ExceptionStatus" AS ENUM ('open', 'documented');

-- CreateEnum
CREATE TYPE "GateResult" AS ENUM ('allow', 'deny');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('started', 'succeeded', 'failed', 'rolled_back');

-- CreateEnum
CREATE TYPE "MigrationType" AS ENUM ('schema_additive', 'schema_breaking', 'data_backfill', 'infrastructure', 'framework');

-- CreateEnum
CREATE TYPE "MigrationStatus" AS ENUM ('planned', 'running', 'succeeded', 'rolled_back');

-- CreateEnum
CREATE TYPE "ConfigChangeType" AS ENUM ('env_var', 'feature_flag', 'dns', 'load_balancer', 'secret_rotation');

-- CreateEnum
CREATE TYPE "ConfigChangeStatus" AS ENUM ('planned', 'applied', 'cancelled');

-- CreateEnum
CREATE TYPE "FlagType" AS ENUM ('release', 'ops', 'experiment', 'permission');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('active', 'archived');

-- CreateEnum
CREATE TYPE "TokenKind" AS ENUM ('personal', 'service');

-- CreateTable
CREATE TABLE "user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "email_verified" TIMESTAMPTZ(3),
    "image" TEXT,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'engineer',
    "is_staff_plus" BOOLEAN NOT NULL DEFAULT false,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "team_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_session" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3),

    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environment" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_production" BOOLEAN NOT NULL DEFAULT false,
    "is_gated" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_settings" (
    "version" SERIAL NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "weekly_windows" JSONB NOT NULL,
    "class_scope_rules" JSONB NOT NULL,
    "release_flag_ttl_days" INTEGER NOT NULL DEFAULT 30,
    "emergency_review_hours" INTEGER NOT NULL DEFAULT 24,
    "override_max_hours" INTEGER NOT NULL DEFAULT 24,
    "gate_allow_valid_minutes" INTEGER NOT NULL DEFAULT 60,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_settings_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "change_request" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "change_class" "ChangeClass" NOT NULL,
    "risk" "RiskLevel" NOT NULL DEFAULT 'low',
    "status" "ChangeStatus" NOT NULL DEFAULT 'draft',
    "outcome" "ChangeOutcome",
    "team_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "content_version" INTEGER NOT NULL DEFAULT 1,
    "pull_request_urls" TEXT[],
    "pr_label" "ChangeClass",
    "changed_paths" TEXT[],
    "adr_url" TEXT,
    "rollback_plan" TEXT NOT NULL DEFAULT '',
    "planned_start" TIMESTAMPTZ(3),
    "planned_end" TIMESTAMPTZ(3),
    "pr_opened_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "first_production_deploy_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "change_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_request_version" (
    "id" UUID NOT NULL,
    "change_request_id" UUID NOT NULL,
    "content_version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_request_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_service" (
    "change_request_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,

    CONSTRAINT "change_service_pkey" PRIMARY KEY ("change_request_id","service_id")
);

-- CreateTable
CREATE TABLE "change_environment" (
    "change_request_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,

    CONSTRAINT "change_environment_pkey" PRIMARY KEY ("change_request_id","environment_id")
);

-- CreateTable
CREATE TABLE "approval" (
    "id" UUID NOT NULL,
    "change_request_id" UUID NOT NULL,
    "approver_id" UUID NOT NULL,
    "content_version" INTEGER NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "was_staff_plus" BOOLEAN NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday" (
    "id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "declared_freeze" (
    "id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "declared_freeze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "declared_freeze_service" (
    "declared_freeze_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,

    CONSTRAINT "declared_freeze_service_pkey" PRIMARY KEY ("declared_freeze_id","service_id")
);

-- CreateTable
CREATE TABLE "declared_freeze_environment" (
    "declared_freeze_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,

    CONSTRAINT "declared_freeze_environment_pkey" PRIMARY KEY ("declared_freeze_id","environment_id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "commander_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_service" (
    "incident_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,

    CONSTRAINT "incident_service_pkey" PRIMARY KEY ("incident_id","service_id")
);

-- CreateTable
CREATE TABLE "change_incident" (
    "change_request_id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "link" "ChangeIncidentLink" NOT NULL,

    CONSTRAINT "change_incident_pkey" PRIMARY KEY ("change_request_id","incident_id","link")
);

-- CreateTable
CREATE TABLE "freeze_override" (
    "id" UUID NOT NULL,
    "change_request_id" UUID NOT NULL,
    "granted_by_id" UUID NOT NULL,
    "incident_id" UUID,
    "justification" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "freeze_override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_exception" (
    "id" UUID NOT NULL,
    "kind" "ExceptionKind" NOT NULL,
    "status" "ExceptionStatus" NOT NULL DEFAULT 'open',
    "change_request_id" UUID,
    "override_id" UUID,
    "requested_by_id" UUID NOT NULL,
    "approved_by_id" UUID,
    "justification" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline_at" TIMESTAMPTZ(3),
    "documented_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "policy_exception_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gate_decision" (
    "id" UUID NOT NULL,
    "change_request_id" UUID,
    "environment_id" UUID,
    "result" "GateResult" NOT NULL,
    "reasons" JSONB NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "is_preview" BOOLEAN NOT NULL DEFAULT false,
    "next_allowed_at" TIMESTAMPTZ(3),
    "override_id" UUID,
    "token_id" UUID,
    "request_id" TEXT,

    CONSTRAINT "gate_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment" (
    "id" UUID NOT NULL,
    "change_request_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "gate_decision_id" UUID,
    "status" "DeploymentStatus" NOT NULL,
    "commit_sha" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "is_unauthorized" BOOLEAN NOT NULL DEFAULT false,
    "unauthorized_reasons" JSONB NOT NULL DEFAULT '[]',
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_plan" (
    "id" UUID NOT NULL,
    "change_request_id" UUID NOT NULL,
    "type" "MigrationType" NOT NULL,
    "title" TEXT NOT NULL,
    "status" "MigrationStatus" NOT NULL DEFAULT 'planned',
    "details" JSONB NOT NULL DEFAULT '{}',
    "rollback_plan" TEXT NOT NULL DEFAULT '',
    "success_criteria" TEXT NOT NULL DEFAULT '',
    "monitoring" TEXT NOT NULL DEFAULT '',
    "communication_plan" TEXT NOT NULL DEFAULT '',
    "executed_at" TIMESTAMPTZ(3),
    "outcome_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_change" (
    "id" UUID NOT NULL,
    "type" "ConfigChangeType" NOT NULL,
    "title" TEXT NOT NULL,
    "status" "ConfigChangeStatus" NOT NULL DEFAULT 'planned',
    "environment_id" UUID NOT NULL,
    "service_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "is_reported_after" BOOLEAN NOT NULL DEFAULT false,
    "requested_by_id" UUID NOT NULL,
    "applied_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "config_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_change_confirmation" (
    "config_change_id" UUID NOT NULL,
    "confirmer_id" UUID NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "config_change_confirmation_pkey" PRIMARY KEY ("config_change_id","confirmer_id")
);

-- CreateTable
CREATE TABLE "feature" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feature_flag" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "type" "FlagType" NOT NULL,
    "owner_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "feature_id" UUID,
    "rollout_percent" INTEGER NOT NULL DEFAULT 0,
    "full_rollout_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "status" "FlagStatus" NOT NULL DEFAULT 'active',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feature_flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_rollout_change" (
    "id" UUID NOT NULL,
    "flag_id" UUID NOT NULL,
    "percent" INTEGER NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flag_rollout_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "token_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "change_set" JSONB NOT NULL,
    "request_id" TEXT,
    "prev_hash" BYTEA NOT NULL,
    "row_hash" BYTEA NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TokenKind" NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "prefix" TEXT NOT NULL,
    "owner_id" UUID,
    "scopes" TEXT[],
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_key" (
    "token_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("token_id","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE INDEX "user_team_id_idx" ON "user"("team_id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "account_provider_provider_account_id_key" ON "account"("provider", "provider_account_id");

-- CreateIndex
CREATE INDEX "auth_session_user_id_idx" ON "auth_session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_slug_key" ON "team"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "service_slug_key" ON "service"("slug");

-- CreateIndex
CREATE INDEX "service_team_id_idx" ON "service"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "environment_slug_key" ON "environment"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "change_request_number_key" ON "change_request"("number");

-- CreateIndex
CREATE INDEX "change_request_status_created_at_idx" ON "change_request"("status", "created_at");

-- CreateIndex
CREATE INDEX "change_request_team_id_created_at_idx" ON "change_request"("team_id", "created_at");

-- CreateIndex
CREATE INDEX "change_request_author_id_created_at_idx" ON "change_request"("author_id", "created_at");

-- CreateIndex
CREATE INDEX "change_request_change_class_created_at_idx" ON "change_request"("change_class", "created_at");

-- CreateIndex
CREATE INDEX "change_request_created_at_idx" ON "change_request"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "change_request_version_change_request_id_content_version_key" ON "change_request_version"("change_request_id", "content_version");

-- CreateIndex
CREATE INDEX "change_service_service_id_idx" ON "change_service"("service_id");

-- CreateIndex
CREATE INDEX "change_environment_environment_id_idx" ON "change_environment"("environment_id");

-- CreateIndex
CREATE INDEX "approval_approver_id_idx" ON "approval"("approver_id");

-- CreateIndex
CREATE UNIQUE INDEX "approval_change_request_id_approver_id_content_version_key" ON "approval"("change_request_id", "approver_id", "content_version");

-- CreateIndex
CREATE UNIQUE INDEX "holiday_date_key" ON "holiday"("date");

-- CreateIndex
CREATE INDEX "declared_freeze_starts_at_ends_at_idx" ON "declared_freeze"("starts_at", "ends_at");

-- CreateIndex
CREATE UNIQUE INDEX "incident_number_key" ON "incident"("number");

-- CreateIndex
CREATE INDEX "incident_resolved_at_severity_idx" ON "incident"("resolved_at", "severity");

-- CreateIndex
CREATE INDEX "change_incident_incident_id_idx" ON "change_incident"("incident_id");

-- CreateIndex
CREATE INDEX "freeze_override_change_request_id_expires_at_idx" ON "freeze_override"("change_request_id", "expires_at");

-- CreateIndex
CREATE INDEX "policy_exception_status_deadline_at_idx" ON "policy_exception"("status", "deadline_at");

-- CreateIndex
CREATE INDEX "policy_exception_change_request_id_idx" ON "policy_exception"("change_request_id");

-- CreateIndex
CREATE INDEX "gate_decision_change_request_id_environment_id_evaluated_at_idx" ON "gate_decision"("change_request_id", "environment_id", "evaluated_at");

-- CreateIndex
CREATE INDEX "deployment_change_request_id_environment_id_idx" ON "deployment"("change_request_id", "environment_id");

-- CreateIndex
CREATE INDEX "deployment_environment_id_started_at_idx" ON "deployment"("environment_id", "started_at");

-- CreateIndex
CREATE INDEX "migration_plan_change_request_id_idx" ON "migration_plan"("change_request_id");

-- CreateIndex
CREATE INDEX "config_change_created_at_idx" ON "config_change"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "feature_key_key" ON "feature"("key");

-- CreateIndex
CREATE UNIQUE INDEX "feature_flag_key_key" ON "feature_flag"("key");

-- CreateIndex
CREATE INDEX "feature_flag_team_id_idx" ON "feature_flag"("team_id");

-- CreateIndex
CREATE INDEX "feature_flag_status_type_idx" ON "feature_flag"("status", "type");

-- CreateIndex
CREATE INDEX "flag_rollout_change_flag_id_changed_at_idx" ON "flag_rollout_change"("flag_id", "changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_prev_hash_key" ON "audit_event"("prev_hash");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_row_hash_key" ON "audit_event"("row_hash");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_seq_idx" ON "audit_event"("entity_type", "entity_id", "seq");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_seq_idx" ON "audit_event"("actor_id", "seq");

-- CreateIndex
CREATE INDEX "audit_event_action_seq_idx" ON "audit_event"("action", "seq");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_owner_id_idx" ON "api_token"("owner_id");

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service" ADD CONSTRAINT "service_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_settings" ADD CONSTRAINT "policy_settings_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request_version" ADD CONSTRAINT "change_request_version_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_service" ADD CONSTRAINT "change_service_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_service" ADD CONSTRAINT "change_service_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_environment" ADD CONSTRAINT "change_environment_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_environment" ADD CONSTRAINT "change_environment_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval" ADD CONSTRAINT "approval_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval" ADD CONSTRAINT "approval_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holiday" ADD CONSTRAINT "holiday_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "declared_freeze" ADD CONSTRAINT "declared_freeze_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "declared_freeze_service" ADD CONSTRAINT "declared_freeze_service_declared_freeze_id_fkey" FOREIGN KEY ("declared_freeze_id") REFERENCES "declared_freeze"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "declared_freeze_service" ADD CONSTRAINT "declared_freeze_service_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "declared_freeze_environment" ADD CONSTRAINT "declared_freeze_environment_declared_freeze_id_fkey" FOREIGN KEY ("declared_freeze_id") REFERENCES "declared_freeze"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "declared_freeze_environment" ADD CONSTRAINT "declared_freeze_environment_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_commander_id_fkey" FOREIGN KEY ("commander_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_service" ADD CONSTRAINT "incident_service_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_service" ADD CONSTRAINT "incident_service_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_incident" ADD CONSTRAINT "change_incident_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_incident" ADD CONSTRAINT "change_incident_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "freeze_override" ADD CONSTRAINT "freeze_override_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "freeze_override" ADD CONSTRAINT "freeze_override_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "freeze_override" ADD CONSTRAINT "freeze_override_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_exception" ADD CONSTRAINT "policy_exception_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_exception" ADD CONSTRAINT "policy_exception_override_id_fkey" FOREIGN KEY ("override_id") REFERENCES "freeze_override"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_exception" ADD CONSTRAINT "policy_exception_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_exception" ADD CONSTRAINT "policy_exception_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_decision" ADD CONSTRAINT "gate_decision_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_decision" ADD CONSTRAINT "gate_decision_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_decision" ADD CONSTRAINT "gate_decision_override_id_fkey" FOREIGN KEY ("override_id") REFERENCES "freeze_override"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_gate_decision_id_fkey" FOREIGN KEY ("gate_decision_id") REFERENCES "gate_decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_plan" ADD CONSTRAINT "migration_plan_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_change" ADD CONSTRAINT "config_change_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_change" ADD CONSTRAINT "config_change_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_change" ADD CONSTRAINT "config_change_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_change_confirmation" ADD CONSTRAINT "config_change_confirmation_config_change_id_fkey" FOREIGN KEY ("config_change_id") REFERENCES "config_change"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_change_confirmation" ADD CONSTRAINT "config_change_confirmation_confirmer_id_fkey" FOREIGN KEY ("confirmer_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feature" ADD CONSTRAINT "feature_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feature_flag" ADD CONSTRAINT "feature_flag_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feature_flag" ADD CONSTRAINT "feature_flag_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feature_flag" ADD CONSTRAINT "feature_flag_feature_id_fkey" FOREIGN KEY ("feature_id") REFERENCES "feature"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_rollout_change" ADD CONSTRAINT "flag_rollout_change_flag_id_fkey" FOREIGN KEY ("flag_id") REFERENCES "feature_flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_key" ADD CONSTRAINT "idempotency_key_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE CASCADE;
