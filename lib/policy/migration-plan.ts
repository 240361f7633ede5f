// Migration safety — POL-012 CTRL-012.3. Pure.
// What each type of migration must show before it runs, how a breaking change walks through its
// expand, migrate and contract phases, and the checklist the pull-request template carries.
import type { PolicyReason } from '@/lib/policy/decision';

export const MIGRATION_TYPES = ['schema_additive', 'schema_breaking', 'data_backfill', 'infrastructure', 'framework'] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];

export const MIGRATION_TYPE_LABEL: Record<MigrationType, string> = {
  schema_additive: 'Schema (additive)',
  schema_breaking: 'Schema (breaking)',
  data_backfill: 'Data backfill',
  infrastructure: 'Infrastructure',
  framework: 'Framework/language',
};

/** The policy's own words for each type, shown next to its checklist. */
export const MIGRATION_TYPE_REQUIREMENT: Record<MigrationType, string> = {
  schema_additive: 'Backward compatible, tested on staging with prod-scale data',
  schema_breaking: 'Expand-contract pattern, 3-phase rollout, consumer coordination',
  data_backfill: 'Batched, resumable, rate-limited, dry-run first',
  infrastructure: 'Blue-green or canary, tested in staging, rollback plan',
  framework: 'ADR, incremental migration, both versions coexist during transition',
};

export const BREAKING_PHASES = ['expand', 'migrate', 'contract'] as const;
export type BreakingPhase = (typeof BREAKING_PHASES)[number];

export const PHASE_STATUSES = ['pending', 'running', 'succeeded', 'rolled_back'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

/** One phase of an expand-contract rollout. Instants are ISO strings (the record is stored as JSON). */
export type PhaseRecord = { status: PhaseStatus; startedAt: string | null; finishedAt: string | null; reason: string | null };

/** A rehearsal of a backfill on real data without writing it (CTRL-012.3 "dry-run first"). */
export type DryRunRecord = { ranAt: string; outcome: 'succeeded' | 'failed'; notes: string; recordedById: string };

/** Each type's own required fields, stored in the plan's `details`. Empty text means "not given yet". */
export type MigrationDetailsByType = {
  schema_additive: { isBackwardCompatible: boolean; stagingTest: string };
  schema_breaking: { consumers: string; isConsumersCoordinated: boolean; phases: Record<BreakingPhase, PhaseRecord> };
  data_backfill: { batchSize: number | null; rateLimit: string; resumeStrategy: string; dryRun: DryRunRecord | null };
  infrastructure: { rolloutStrategy: 'blue_green' | 'canary' | null; stagingTest: string };
  framework: { adrUrl: string; incrementalPlan: string; isCoexistenceConfirmed: boolean };
};

export type MigrationDetails<T extends MigrationType = MigrationType> = MigrationDetailsByType[T];

export const MIGRATION_STATUSES = ['planned', 'running', 'succeeded', 'rolled_back'] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/** The fields every plan carries, whatever its type. */
export type MigrationPlanFacts = {
  [T in MigrationType]: {
    type: T;
    title: string;
    status: MigrationStatus;
    details: MigrationDetails<T>;
    rollbackPlan: string;
    successCriteria: string;
    monitoring: string;
    communicationPlan: string;
  };
}[MigrationType];

export type ChecklistItem = {
  /** Stable key, also the form field the item is about. */
  key: string;
  /** The requirement, as the pull-request checklist states it. */
  label: string;
  isDone: boolean;
  /** What is missing, in words; empty when done. */
  missing: string;
};

export function emptyPhases(): Record<BreakingPhase, PhaseRecord> {
  const pending = (): PhaseRecord => ({ status: 'pending', startedAt: null, finishedAt: null, reason: null });
  return { expand: pending(), migrate: pending(), contract: pending() };
}

/** The details a newly chosen type starts from: nothing given yet. */
export function emptyDetails<T extends MigrationType>(type: T): MigrationDetails<T> {
  const empty: { [K in MigrationType]: MigrationDetails<K> } = {
    schema_additive: { isBackwardCompatible: false, stagingTest: '' },
    schema_breaking: { consumers: '', isConsumersCoordinated: false, phases: emptyPhases() },
    data_backfill: { batchSize: null, rateLimit: '', resumeStrategy: '', dryRun: null },
    infrastructure: { rolloutStrategy: null, stagingTest: '' },
    framework: { adrUrl: '', incrementalPlan: '', isCoexistenceConfirmed: false },
  };
  return empty[type];
}

const given = (text: string) => text.trim().length > 0;

function item(key: string, label: string, isDone: boolean, missing: string): ChecklistItem {
  return { key, label, isDone, missing: isDone ? '' : missing };
}

/** The requirements every migration shares ("Every migration MUST have"). */
function commonItems(plan: MigrationPlanFacts): ChecklistItem[] {
  return [
    item('rollbackPlan', 'Rollback plan documented before execution', given(plan.rollbackPlan), 'No rollback plan.'),
    item('successCriteria', 'Success criteria defined', given(plan.successCriteria), 'No success criteria.'),
    item('monitoring', 'Monitoring for migration-specific metrics (metrics, dashboards)', given(plan.monitoring), 'No monitoring named.'),
    item('communicationPlan', 'Communication plan for affected teams', given(plan.communicationPlan), 'No communication plan for the affected teams.'),
  ];
}

function typeItems(plan: MigrationPlanFacts): ChecklistItem[] {
  switch (plan.type) {
    case 'schema_additive':
      return [
        item('isBackwardCompatible', 'Backward compatibility confirmed', plan.details.isBackwardCompatible, 'Backward compatibility is not confirmed.'),
        item('stagingTest', 'Tested on staging with production-scale data', given(plan.details.stagingTest), 'No staging test with production-scale data recorded.'),
      ];
    case 'schema_breaking':
      return [
        item('consumers', 'Consumers of the schema named', given(plan.details.consumers), 'The consumers of the schema are not named.'),
        item('isConsumersCoordinated', 'Consumers coordinated', plan.details.isConsumersCoordinated, 'The consumers are not confirmed as coordinated.'),
      ];
    case 'data_backfill': {
      const { batchSize, dryRun } = plan.details;
      return [
        item('batchSize', 'Batched (batch size set)', batchSize !== null && batchSize > 0, 'No batch size.'),
        item('rateLimit', 'Rate-limited', given(plan.details.rateLimit), 'No rate limit.'),
        item('resumeStrategy', 'Resumable (how it resumes after a stop)', given(plan.details.resumeStrategy), 'It does not say how it resumes.'),
        item(
          'dryRun', 'Dry run recorded before the real run', dryRun?.outcome === 'succeeded',
          dryRun ? 'The last dry run failed; record a successful one before the real run.' : 'No dry run recorded before the real run.',
        ),
      ];
    }
    case 'infrastructure':
      return [
        item('rolloutStrategy', 'Blue-green or canary rollout', plan.details.rolloutStrategy !== null, 'Neither blue-green nor canary is chosen.'),
        item('stagingTest', 'Tested in staging', given(plan.details.stagingTest), 'No staging test recorded.'),
      ];
    case 'framework':
      return [
        item('adrUrl', 'ADR linked', given(plan.details.adrUrl), 'No ADR linked.'),
        item('incrementalPlan', 'Incremental migration plan', given(plan.details.incrementalPlan), 'No incremental migration plan.'),
        item('isCoexistenceConfirmed', 'Both versions coexist during the transition', plan.details.isCoexistenceConfirmed, 'Coexistence of both versions is not confirmed.'),
      ];
  }
}

/** The plan's whole checklist: its type's requirements first, then the ones every migration shares. */
export function migrationChecklist(plan: MigrationPlanFacts): ChecklistItem[] {
  return [...typeItems(plan), ...commonItems(plan)];
}

export function isPlanComplete(plan: MigrationPlanFacts): boolean {
  return migrationChecklist(plan).every((entry) => entry.isDone);
}

/**
 * Why the gate holds a change because of this plan (CTRL-012.3): one reason per missing item, each
 * naming the plan. A plan that already ran to success no longer holds anything.
 * Assumption: a rolled-back migration does not hold the change either: its outcome is recorded and the
 * rollback rate KPI counts it; running it again means planning it again (back to planned).
 */
export function migrationReadiness(plan: MigrationPlanFacts): PolicyReason[] {
  if (plan.status === 'succeeded' || plan.status === 'rolled_back') return [];
  return migrationChecklist(plan)
    .filter((entry) => !entry.isDone)
    .map((entry) => ({ control: 'CTRL-012.3', code: 'MIGRATION_PLAN_INCOMPLETE', message: `Migration "${plan.title}" (${MIGRATION_TYPE_LABEL[plan.type]}): ${entry.missing}` }));
}

// ── Execution ───────────────────────────────────────────────────────────────────────────────

export type MigrationStep = 'start' | 'succeed' | 'roll_back';

const STEP_TARGET: Record<MigrationStep, { from: readonly MigrationStatus[]; to: MigrationStatus }> = {
  start: { from: ['planned'], to: 'running' },
  succeed: { from: ['running'], to: 'succeeded' },
  // Assumption: a plan can be rolled back while running or after it reported success (a late failure).
  roll_back: { from: ['running', 'succeeded'], to: 'rolled_back' },
};

/**
 * Whether a plan may take an execution step, or why not. Starting needs the whole checklist
 * ("before execution"); a breaking migration moves through its phases instead (see phaseStepRefusal).
 */
export function executionRefusal(plan: MigrationPlanFacts, step: MigrationStep): string | null {
  const rule = STEP_TARGET[step];
  if (!rule.from.includes(plan.status)) return `A ${plan.status.replace('_', ' ')} migration cannot ${step.replace('_', ' ')}.`;
  if (plan.type === 'schema_breaking') return 'A breaking schema migration runs phase by phase: expand, migrate, then contract.';
  if (step === 'start') {
    const missing = migrationChecklist(plan).filter((entry) => !entry.isDone);
    if (missing.length > 0) return `Complete the plan before it runs: ${missing.map((entry) => entry.missing).join(' ')}`;
  }
  return null;
}

/** Whether the plan's status admits the step at all (a refusal for any other cause is about the plan's content). */
export function isStepFromStatus(status: MigrationStatus, step: MigrationStep): boolean {
  return STEP_TARGET[step].from.includes(status);
}

export function statusAfter(step: MigrationStep): MigrationStatus {
  return STEP_TARGET[step].to;
}

/**
 * Whether a phase of a breaking migration may take a step. A phase starts only once every earlier
 * phase succeeded (so contract never starts early), and only when the whole checklist is complete.
 */
export function phaseStepRefusal(plan: MigrationPlanFacts, phase: BreakingPhase, step: MigrationStep): string | null {
  if (plan.type !== 'schema_breaking') return 'Only breaking schema migrations have phases.';
  // Once any phase rolled back, the rollout is over: a phase still running may only be rolled back too.
  if (plan.status === 'rolled_back' && step !== 'roll_back') return `A rolled back migration cannot ${step}.`;
  const { phases } = plan.details;
  const current = phases[phase].status;
  if (step === 'start') {
    if (current !== 'pending') return `The ${phase} phase has already ${current === 'running' ? 'started' : current.replace('_', ' ')}.`;
    const earlier = BREAKING_PHASES.slice(0, BREAKING_PHASES.indexOf(phase)).filter((name) => phases[name].status !== 'succeeded');
    if (earlier.length > 0) return `The ${phase} phase cannot start before the ${earlier.join(' and ')} phase${earlier.length > 1 ? 's have' : ' has'} succeeded.`;
    const missing = migrationChecklist(plan).filter((entry) => !entry.isDone);
    if (missing.length > 0) return `Complete the plan before it runs: ${missing.map((entry) => entry.missing).join(' ')}`;
    return null;
  }
  if (step === 'succeed') return current === 'running' ? null : `The ${phase} phase is not running.`;
  return current === 'running' || current === 'succeeded' ? null : `The ${phase} phase has not run.`;
}

/** The plan's status after a phase step: running from the first start, done when contract succeeds or any phase rolls back. */
export function statusAfterPhase(phase: BreakingPhase, step: MigrationStep): MigrationStatus {
  if (step === 'roll_back') return 'rolled_back';
  if (step === 'succeed' && phase === 'contract') return 'succeeded';
  return 'running';
}

// ── Rollback rate (a POL-012 KPI) ──────────────────────────────────────────────────────────

/** The policy's target: fewer than 10 % of executed migrations rolled back. */
export const ROLLBACK_RATE_TARGET = 0.1;

export type RollbackRate = { executed: number; rolledBack: number; rate: number | null; isMet: boolean };

/**
 * Rolled-back migrations divided by executed migrations. Assumption: a migration counts as executed
 * once it has an outcome (succeeded or rolled back); one still running has none yet. With nothing
 * executed the rate is undefined (null) and the target is met.
 */
export function rollbackRate(outcomes: { succeeded: number; rolledBack: number }): RollbackRate {
  const executed = outcomes.succeeded + outcomes.rolledBack;
  const rate = executed === 0 ? null : outcomes.rolledBack / executed;
  return { executed, rolledBack: outcomes.rolledBack, rate, isMet: rate === null || rate < ROLLBACK_RATE_TARGET };
}

// ── Pull-request checklist ──────────────────────────────────────────────────────────────────

/** The Markdown checklist for the pull-request template the policy names, ticked from the plan. */
export function migrationChecklistMarkdown(plan: MigrationPlanFacts): string {
  const lines = [
    `### Migration checklist: ${plan.title.replace(/[\r\n]+/g, ' ')}`,
    '',
    `Type: **${MIGRATION_TYPE_LABEL[plan.type]}** (POL-012 CTRL-012.3: ${MIGRATION_TYPE_REQUIREMENT[plan.type]})`,
    '',
    ...migrationChecklist(plan).map((entry) => `- [${entry.isDone ? 'x' : ' '}] ${entry.label}`),
  ];
  if (plan.type === 'schema_breaking') {
    lines.push('', 'Phases (each starts only after the previous one succeeded):', ...BREAKING_PHASES.map((phase) => `- [${plan.details.phases[phase].status === 'succeeded' ? 'x' : ' '}] ${phase}`));
  }
  return `${lines.join('\n')}\n`;
}

// ── The change a plan belongs to ────────────────────────────────────────────────────────────

const CLOSED_CHANGE_STATUSES: readonly string[] = ['cancelled', 'closed'];

/**
 * Why a change takes no new plan, plan edit, dry run or start, or null when it does: a cancelled
 * change will not run, and a closed one is evidence.
 * Assumption: the outcome of a migration already running (succeed, roll back) is still recorded once
 * its change is closed or cancelled: it happened, and the rollback rate KPI counts it.
 */
export function migrationChangeRefusal(changeStatus: string): string | null {
  return CLOSED_CHANGE_STATUSES.includes(changeStatus) ? `The change is ${changeStatus}: its migration plans can no longer be added, edited or started.` : null;
}
