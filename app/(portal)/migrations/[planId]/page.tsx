import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { changeReference } from '@/lib/policy/change-class';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import {
  BREAKING_PHASES, MIGRATION_TYPE_LABEL, MIGRATION_TYPE_REQUIREMENT, executionRefusal, phaseStepRefusal,
  type BreakingPhase, type MigrationPlanFacts, type PhaseStatus,
} from '@/lib/policy/migration-plan';
import { DomainError } from '@/lib/server/errors';
import { getMigrationPlan, listMigrationPlanEvents, type MigrationPlanView } from '@/lib/server/migrations/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { AuditTimeline } from '@/components/audit/audit-timeline';
import { MigrationStatusBadge } from '@/components/migrations/migration-status-badge';
import { MigrationChecklist } from '@/components/migrations/migration-checklist';
import { MigrationDetails } from '@/components/migrations/migration-details';
import { DeletePlanForm, DryRunForm, MigrationStepButton, RollBackForm } from '@/components/migrations/migration-step-forms';
import { deleteMigrationPlanAction, recordDryRunAction, recordMigrationStepAction } from './actions';

export const metadata: Metadata = { title: 'Migration plan' };

type Props = { params: Promise<{ planId: string }> };

const PHASE_STATUS_LABEL: Record<PhaseStatus, string> = { pending: 'Not started', running: 'Running', succeeded: 'Succeeded', rolled_back: 'Rolled back' };

const PHASE_LABEL: Record<BreakingPhase, string> = { expand: 'Expand', migrate: 'Migrate', contract: 'Contract' };

async function findPlan(planId: string, user: Awaited<ReturnType<typeof requireUser>>): Promise<MigrationPlanView> {
  if (!z.uuid().safeParse(planId).success) notFound();
  try {
    return await getMigrationPlan(user, planId.toLowerCase());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

type StepProps = { planId: string; version: number; facts: MigrationPlanFacts; canRun: boolean; timeZone: string };

/** Expand, migrate, contract: each phase's state in words, and only the steps the rules allow now. */
function Phases({ planId, version, facts, canRun, timeZone }: Readonly<StepProps>) {
  if (facts.type !== 'schema_breaking') return null;
  return (
    <section aria-labelledby="phases-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="phases-heading" className="text-lg font-semibold">Phases</h2>
      <p className="text-sm text-slate-700">Each phase starts only after the previous one succeeded: expand, then migrate, then contract.</p>
      <ol className="space-y-4">
        {BREAKING_PHASES.map((phase) => {
          const record = facts.details.phases[phase];
          const startRefusal = phaseStepRefusal(facts, phase, 'start');
          const canStart = canRun && startRefusal === null;
          const canSucceed = canRun && phaseStepRefusal(facts, phase, 'succeed') === null;
          const canRollBack = canRun && phaseStepRefusal(facts, phase, 'roll_back') === null;
          return (
            <li key={phase} className="space-y-2 border-l-2 border-slate-300 pl-3">
              <h3 id={`phase-${phase}`} className="font-medium">{PHASE_LABEL[phase]}: {PHASE_STATUS_LABEL[record.status]}</h3>
              <p className="text-sm text-slate-700">
                {record.startedAt ? <>Started <Time at={new Date(record.startedAt)} timeZone={timeZone} />. </> : null}
                {record.finishedAt ? <>Finished <Time at={new Date(record.finishedAt)} timeZone={timeZone} />. </> : null}
                {record.reason ? <>Reason: {record.reason}</> : null}
              </p>
              {canRun && record.status === 'pending' && startRefusal ? <p className="text-sm text-slate-700">{startRefusal}</p> : null}
              <div className="flex flex-wrap items-start gap-3">
                {canStart ? <MigrationStepButton action={recordMigrationStepAction} planId={planId} version={version} step="start" phase={phase} label={`Start ${phase}`} /> : null}
                {canSucceed ? <MigrationStepButton action={recordMigrationStepAction} planId={planId} version={version} step="succeed" phase={phase} label={`Mark ${phase} succeeded`} /> : null}
                {canRollBack ? <RollBackForm action={recordMigrationStepAction} planId={planId} version={version} phase={phase} label={`Roll back ${phase}`} /> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Start, succeed, roll back the whole migration (every type but breaking schema changes). */
function Execution({ planId, version, facts, canRun }: Readonly<Omit<StepProps, 'timeZone'>>) {
  if (facts.type === 'schema_breaking' || !canRun) return null;
  const startRefusal = executionRefusal(facts, 'start');
  const canSucceed = executionRefusal(facts, 'succeed') === null;
  const canRollBack = executionRefusal(facts, 'roll_back') === null;
  if (facts.status !== 'planned' && !canSucceed && !canRollBack) return null;
  return (
    <section aria-labelledby="execution-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="execution-heading" className="text-lg font-semibold">Execution</h2>
      {facts.status === 'planned' && startRefusal ? <p className="text-sm text-slate-700">{startRefusal}</p> : null}
      <div className="flex flex-wrap items-start gap-3">
        {startRefusal === null ? <MigrationStepButton action={recordMigrationStepAction} planId={planId} version={version} step="start" label="Start migration" /> : null}
        {canSucceed ? <MigrationStepButton action={recordMigrationStepAction} planId={planId} version={version} step="succeed" label="Mark succeeded" /> : null}
        {canRollBack ? <RollBackForm action={recordMigrationStepAction} planId={planId} version={version} label="Roll back" /> : null}
      </div>
    </section>
  );
}

/** A backfill's latest dry run (CTRL-012.3 "dry-run first"), and the form to record one before the real run. */
function DryRun({ planId, version, facts, canRun, timeZone }: Readonly<StepProps>) {
  if (facts.type !== 'data_backfill') return null;
  const { dryRun } = facts.details;
  return (
    <section aria-labelledby="dry-run-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="dry-run-heading" className="text-lg font-semibold">Dry run</h2>
      {dryRun ? (
        <p className="text-sm">
          Latest dry run <strong>{dryRun.outcome}</strong> · <Time at={new Date(dryRun.ranAt)} timeZone={timeZone} />
          {dryRun.notes ? <span className="block whitespace-pre-wrap text-slate-700">{dryRun.notes}</span> : null}
        </p>
      ) : (
        <p className="text-sm font-medium text-red-800">No dry run recorded. The backfill cannot start before a successful one.</p>
      )}
      {canRun && facts.status === 'planned' ? <DryRunForm action={recordDryRunAction} planId={planId} version={version} /> : null}
    </section>
  );
}

export default async function MigrationPlanPage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const view = await findPlan((await params).planId, user);
  const [events, policy] = await Promise.all([listMigrationPlanEvents(view.plan.id), currentPolicySettings()]);
  const { plan, facts, change } = view;
  const reference = changeReference(change.number);
  // A closed or cancelled change takes no edits or starts; outcomes of a running migration are still recorded.
  const isEditable = view.canManage && facts.status === 'planned' && view.changeRefusal === null;
  const stepProps = { planId: plan.id, version: plan.version, facts, timeZone: policy.timeZone };
  const canRun = view.canManage && (view.changeRefusal === null || facts.status !== 'planned');
  return (
    <>
      <PageHeader
        title={facts.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <MigrationStatusBadge status={facts.status} />
            <span>{MIGRATION_TYPE_LABEL[facts.type]} migration of <Link href={`/changes/${change.id}`} className={LINK}>{reference}</Link>: {change.title}</span>
          </span>
        }
        actions={
          <>
            {isEditable ? <Link href={`/migrations/${plan.id}/edit`} className={BUTTON_SECONDARY}>Edit</Link> : null}
            <a href={`/migrations/${plan.id}/checklist.md`} className={BUTTON_SECONDARY}>Checklist (Markdown)</a>
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="policy-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 id="policy-heading" className="mb-1 text-lg font-semibold">What POL-012 asks of a {MIGRATION_TYPE_LABEL[facts.type].toLowerCase()} migration</h2>
            <p>{MIGRATION_TYPE_REQUIREMENT[facts.type]} (CTRL-012.3). Every migration also needs a rollback plan documented before execution, success criteria, monitoring and a communication plan.</p>
          </section>
          {view.readiness.length > 0 ? (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              Until this plan is complete, the deploy gate holds {reference} (CTRL-012.3).
            </p>
          ) : null}
          <MigrationChecklist items={view.checklist} />
          <DryRun {...stepProps} canRun={canRun} />
          <Phases {...stepProps} canRun={canRun} />
          <Execution {...stepProps} canRun={canRun} />
          {facts.status === 'succeeded' || facts.status === 'rolled_back' ? (
            <section aria-labelledby="outcome-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 id="outcome-heading" className="mb-1 text-lg font-semibold">Outcome</h2>
              <p>
                {facts.status === 'succeeded' ? 'Succeeded' : 'Rolled back'}
                {plan.executedAt ? <> · started <Time at={plan.executedAt} timeZone={policy.timeZone} /></> : null}
              </p>
              {plan.outcomeReason ? <p className="whitespace-pre-wrap">Reason: {plan.outcomeReason}</p> : null}
            </section>
          ) : null}
          <section aria-labelledby="plan-heading" className="space-y-3">
            <h2 id="plan-heading" className="text-lg font-semibold">Plan</h2>
            <MigrationDetails plan={facts} />
          </section>
          <section aria-labelledby="markdown-heading" className="space-y-2">
            <h2 id="markdown-heading" className="text-lg font-semibold">Copy Markdown checklist</h2>
            <p className="text-sm text-slate-700">For the pull-request template; ticked where done.</p>
            <pre className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 p-4 text-xs" tabIndex={0}><code>{view.markdown}</code></pre>
          </section>
          {isEditable && plan.executedAt === null ? <DeletePlanForm action={deleteMigrationPlanAction} planId={plan.id} version={plan.version} /> : null}
        </div>
        <section aria-labelledby="timeline">
          <h2 id="timeline" className="mb-3 text-lg font-semibold">Audit trail</h2>
          <AuditTimeline events={events} timeZone={policy.timeZone} />
          {canReadAuditTrail(user) ? <p className="mt-3 text-sm"><Link href={`/audit?entityType=migration-plan&entityId=${plan.id}`} className={LINK}>All audit events</Link></p> : null}
        </section>
      </div>
    </>
  );
}
