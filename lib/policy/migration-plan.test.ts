import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BREAKING_PHASES, MIGRATION_TYPES, rollbackRate, emptyDetails, emptyPhases, executionRefusal, isPlanComplete, migrationChangeRefusal, migrationChecklist, migrationChecklistMarkdown,
  migrationReadiness, phaseStepRefusal, statusAfterPhase, type BreakingPhase, type MigrationPlanFacts, type MigrationType, type PhaseStatus,
} from '@/lib/policy/migration-plan';

const COMMON = { rollbackPlan: 'Drop the column.', successCriteria: 'Error rate flat.', monitoring: 'db-latency dashboard', communicationPlan: 'Billing team in #payments.' };

/** A plan of each type with every requirement met. */
const COMPLETE: { [T in MigrationType]: Extract<MigrationPlanFacts, { type: T }> } = {
  schema_additive: { type: 'schema_additive', title: 'Add column', status: 'planned', ...COMMON, details: { isBackwardCompatible: true, stagingTest: 'Ran on staging copy (40M rows).' } },
  schema_breaking: { type: 'schema_breaking', title: 'Rename column', status: 'planned', ...COMMON, details: { consumers: 'billing, ledger', isConsumersCoordinated: true, phases: emptyPhases() } },
  data_backfill: {
    type: 'data_backfill', title: 'Backfill currency', status: 'planned', ...COMMON,
    details: { batchSize: 1000, rateLimit: '50 batches/min', resumeStrategy: 'Resumes from the last id', dryRun: { ranAt: '2026-11-20T10:00:00.000Z', outcome: 'succeeded', notes: 'ok', recordedById: 'u1' } },
  },
  infrastructure: { type: 'infrastructure', title: 'Move to new LB', status: 'planned', ...COMMON, details: { rolloutStrategy: 'canary', stagingTest: 'Staging cut over.' } },
  framework: { type: 'framework', title: 'Node 22', status: 'planned', ...COMMON, details: { adrUrl: 'https://adr/7', incrementalPlan: 'Service by service', isCoexistenceConfirmed: true } },
};

function withDetails<T extends MigrationType>(type: T, details: Partial<Extract<MigrationPlanFacts, { type: T }>['details']>): MigrationPlanFacts {
  const plan = COMPLETE[type];
  return { ...plan, details: { ...plan.details, ...details } } as MigrationPlanFacts;
}

function breakingWith(statuses: Partial<Record<BreakingPhase, PhaseStatus>>): MigrationPlanFacts {
  const phases = emptyPhases();
  for (const [phase, status] of Object.entries(statuses) as [BreakingPhase, PhaseStatus][]) phases[phase] = { ...phases[phase], status };
  return withDetails('schema_breaking', { phases });
}

describe('migrationChecklist', () => {
  test.each(MIGRATION_TYPES)('a complete %s plan has nothing missing', (type) => {
    expect(migrationChecklist(COMPLETE[type]).filter((item) => !item.isDone)).toEqual([]);
    expect(isPlanComplete(COMPLETE[type])).toBe(true);
  });

  test.each(MIGRATION_TYPES)('an empty %s plan misses its type items and the four shared ones', (type) => {
    const plan = { type, title: 'x', status: 'planned', details: emptyDetails(type), rollbackPlan: '', successCriteria: '', monitoring: ' ', communicationPlan: '' } as MigrationPlanFacts;
    const missing = migrationChecklist(plan).filter((item) => !item.isDone).map((item) => item.key);
    expect(missing).toEqual(expect.arrayContaining(['rollbackPlan', 'successCriteria', 'monitoring', 'communicationPlan']));
    expect(missing.length).toBeGreaterThan(4);
  });

  test.each([
    { label: 'additive without backward compatibility', plan: withDetails('schema_additive', { isBackwardCompatible: false }), missing: ['Backward compatibility is not confirmed.'] },
    { label: 'additive without staging test', plan: withDetails('schema_additive', { stagingTest: '  ' }), missing: ['No staging test with production-scale data recorded.'] },
    { label: 'breaking without coordinated consumers', plan: withDetails('schema_breaking', { isConsumersCoordinated: false }), missing: ['The consumers are not confirmed as coordinated.'] },
    { label: 'backfill without dry run', plan: withDetails('data_backfill', { dryRun: null }), missing: ['No dry run recorded before the real run.'] },
    { label: 'backfill whose dry run failed', plan: withDetails('data_backfill', { dryRun: { ranAt: '2026-11-20T10:00:00.000Z', outcome: 'failed', notes: '', recordedById: 'u' } }), missing: ['The last dry run failed; record a successful one before the real run.'] },
    { label: 'backfill with batch size 0', plan: withDetails('data_backfill', { batchSize: 0 }), missing: ['No batch size.'] },
    { label: 'infrastructure without strategy', plan: withDetails('infrastructure', { rolloutStrategy: null }), missing: ['Neither blue-green nor canary is chosen.'] },
    { label: 'framework without ADR', plan: withDetails('framework', { adrUrl: '' }), missing: ['No ADR linked.'] },
    { label: 'any type without rollback plan', plan: { ...COMPLETE.framework, rollbackPlan: '' }, missing: ['No rollback plan.'] },
  ])('$label', ({ plan, missing }) => {
    expect(migrationChecklist(plan).filter((item) => !item.isDone).map((item) => item.missing)).toEqual(missing);
  });
});

describe('migrationReadiness', () => {
  test('an incomplete plan holds the change with one CTRL-012.3 reason per missing item, naming the plan', () => {
    const reasons = migrationReadiness(withDetails('data_backfill', { dryRun: null, rateLimit: '' }));
    expect(reasons).toHaveLength(2);
    expect(reasons.every((reason) => reason.control === 'CTRL-012.3' && reason.code === 'MIGRATION_PLAN_INCOMPLETE')).toBe(true);
    expect(reasons[1]!.message).toBe('Migration "Backfill currency" (Data backfill): No dry run recorded before the real run.');
  });

  test.each(['succeeded', 'rolled_back'] as const)('a %s plan holds nothing', (status) => {
    expect(migrationReadiness({ ...withDetails('data_backfill', { dryRun: null }), status })).toEqual([]);
  });

  test('property: readiness is empty exactly when the checklist is complete (for plans still to run)', () => {
    fc.assert(fc.property(fc.constantFrom(...MIGRATION_TYPES), fc.boolean(), fc.boolean(), fc.constantFrom('planned', 'running'), (type, keepRollback, keepMonitoring, status) => {
      const plan = { ...COMPLETE[type], status, rollbackPlan: keepRollback ? 'r' : '', monitoring: keepMonitoring ? 'm' : '' } as MigrationPlanFacts;
      expect(migrationReadiness(plan).length === 0).toBe(isPlanComplete(plan));
    }));
  });
});

describe('execution', () => {
  test.each([
    { label: 'a complete plan starts', plan: COMPLETE.schema_additive, step: 'start', refusal: null },
    { label: 'an incomplete plan does not start', plan: withDetails('data_backfill', { dryRun: null }), step: 'start', refusal: 'Complete the plan before it runs: No dry run recorded before the real run.' },
    { label: 'a planned migration cannot succeed', plan: COMPLETE.infrastructure, step: 'succeed', refusal: 'A planned migration cannot succeed.' },
    { label: 'a running migration succeeds', plan: { ...COMPLETE.infrastructure, status: 'running' }, step: 'succeed', refusal: null },
    { label: 'a succeeded migration can still be rolled back', plan: { ...COMPLETE.infrastructure, status: 'succeeded' }, step: 'roll_back', refusal: null },
    { label: 'a rolled back migration cannot start again', plan: { ...COMPLETE.infrastructure, status: 'rolled_back' }, step: 'start', refusal: 'A rolled back migration cannot start.' },
    { label: 'a breaking migration runs by phases', plan: COMPLETE.schema_breaking, step: 'start', refusal: 'A breaking schema migration runs phase by phase: expand, migrate, then contract.' },
  ] as const)('$label', ({ plan, step, refusal }) => {
    expect(executionRefusal(plan as MigrationPlanFacts, step)).toBe(refusal);
  });
});

describe('breaking phases', () => {
  test.each([
    { label: 'expand starts first', statuses: {}, phase: 'expand', step: 'start', refusal: null },
    { label: 'contract cannot start before expand and migrate', statuses: {}, phase: 'contract', step: 'start', refusal: 'The contract phase cannot start before the expand and migrate phases have succeeded.' },
    { label: 'contract cannot start while migrate runs', statuses: { expand: 'succeeded', migrate: 'running' }, phase: 'contract', step: 'start', refusal: 'The contract phase cannot start before the migrate phase has succeeded.' },
    { label: 'contract cannot start after migrate rolled back', statuses: { expand: 'succeeded', migrate: 'rolled_back' }, phase: 'contract', step: 'start', refusal: 'The contract phase cannot start before the migrate phase has succeeded.' },
    { label: 'contract starts once both succeeded', statuses: { expand: 'succeeded', migrate: 'succeeded' }, phase: 'contract', step: 'start', refusal: null },
    { label: 'a phase does not start twice', statuses: { expand: 'running' }, phase: 'expand', step: 'start', refusal: 'The expand phase has already started.' },
    { label: 'a pending phase cannot succeed', statuses: {}, phase: 'expand', step: 'succeed', refusal: 'The expand phase is not running.' },
    { label: 'a pending phase cannot roll back', statuses: {}, phase: 'migrate', step: 'roll_back', refusal: 'The migrate phase has not run.' },
  ] as const)('$label', ({ statuses, phase, step, refusal }) => {
    expect(phaseStepRefusal(breakingWith(statuses), phase, step)).toBe(refusal);
  });

  test('after a roll back, a phase still running cannot succeed, but may be rolled back too', () => {
    const plan = { ...breakingWith({ expand: 'rolled_back', migrate: 'running' }), status: 'rolled_back' } as MigrationPlanFacts;
    expect(phaseStepRefusal(plan, 'migrate', 'succeed')).toBe('A rolled back migration cannot succeed.');
    expect(phaseStepRefusal(plan, 'migrate', 'roll_back')).toBeNull();
  });

  test('an incomplete breaking plan cannot start its expand phase', () => {
    expect(phaseStepRefusal({ ...breakingWith({}), communicationPlan: '' }, 'expand', 'start')).toMatch(/No communication plan/);
  });

  test('property: whatever the phase states, contract starts only after expand and migrate succeeded', () => {
    const status = fc.constantFrom<PhaseStatus>('pending', 'running', 'succeeded', 'rolled_back');
    fc.assert(fc.property(status, status, (expand, migrate) => {
      const allowed = phaseStepRefusal(breakingWith({ expand, migrate }), 'contract', 'start') === null;
      expect(allowed).toBe(expand === 'succeeded' && migrate === 'succeeded');
    }));
  });

  test.each([
    { phase: 'expand', step: 'start', status: 'running' }, { phase: 'migrate', step: 'succeed', status: 'running' },
    { phase: 'contract', step: 'succeed', status: 'succeeded' }, { phase: 'expand', step: 'roll_back', status: 'rolled_back' },
  ] as const)('the plan is $status after $phase $step', ({ phase, step, status }) => {
    expect(statusAfterPhase(phase, step)).toBe(status);
  });
});

describe('migrationChecklistMarkdown', () => {
  test('ticks what is done, names the type and lists the phases of a breaking change', () => {
    const markdown = migrationChecklistMarkdown({ ...breakingWith({ expand: 'succeeded' }), title: 'Rename\ncolumn', monitoring: '' });
    expect(markdown).toContain('### Migration checklist: Rename column');
    expect(markdown).toContain('Type: **Schema (breaking)** (POL-012 CTRL-012.3: Expand-contract pattern, 3-phase rollout, consumer coordination)');
    expect(markdown).toContain('- [x] Consumers coordinated');
    expect(markdown).toContain('- [ ] Monitoring for migration-specific metrics (metrics, dashboards)');
    expect(markdown).toContain('- [x] expand\n- [ ] migrate\n- [ ] contract');
    expect(BREAKING_PHASES).toHaveLength(3);
  });
});

describe('migrationChangeRefusal', () => {
  test.each([
    { status: 'draft', refused: false }, { status: 'submitted', refused: false }, { status: 'approved', refused: false },
    { status: 'deployed', refused: false }, { status: 'cancelled', refused: true }, { status: 'closed', refused: true },
  ])('a $status change refuses plan edits: $refused', ({ status, refused }) => {
    expect(migrationChangeRefusal(status) !== null).toBe(refused);
  });
});

describe('rollbackRate', () => {
  test.each([
    { label: 'nothing executed: no rate, target met', succeeded: 0, rolledBack: 0, executed: 0, rate: null, isMet: true },
    { label: '1 of 10 is exactly 10 %: missed (target under 10 %)', succeeded: 9, rolledBack: 1, executed: 10, rate: 0.1, isMet: false },
    { label: '1 of 11 is under 10 %', succeeded: 10, rolledBack: 1, executed: 11, rate: 1 / 11, isMet: true },
    { label: 'all rolled back', succeeded: 0, rolledBack: 3, executed: 3, rate: 1, isMet: false },
  ])('$label', ({ succeeded, rolledBack, executed, rate, isMet }) => {
    expect(rollbackRate({ succeeded, rolledBack })).toEqual({ executed, rolledBack, rate, isMet });
  });
});
