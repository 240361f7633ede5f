import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import type { FormValues } from '@/lib/actions/action-state';
import { requireUser } from '@/lib/auth/session-user';
import { changeReference } from '@/lib/policy/change-class';
import type { MigrationPlanFacts } from '@/lib/policy/migration-plan';
import { DETAIL_FIELD_KINDS, detailFieldName } from '@/lib/schemas/migration-plan';
import { DomainError } from '@/lib/server/errors';
import { getMigrationPlan } from '@/lib/server/migrations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { MigrationPlanForm } from '@/components/migrations/migration-plan-form';
import { updateMigrationPlanAction } from './actions';

export const metadata: Metadata = { title: 'Edit migration plan' };

type Props = { params: Promise<{ planId: string }> };

/** The plan as the form's fields carry it: details under `<type>.<field>`, a ticked box as "on". */
function formValues(facts: MigrationPlanFacts): FormValues {
  const values: FormValues = {
    type: facts.type, title: facts.title, rollbackPlan: facts.rollbackPlan, successCriteria: facts.successCriteria,
    monitoring: facts.monitoring, communicationPlan: facts.communicationPlan,
  };
  const details = facts.details as Record<string, unknown>;
  for (const field of Object.keys(DETAIL_FIELD_KINDS[facts.type])) {
    const value = details[field];
    if (value === true) values[detailFieldName(facts.type, field)] = 'on';
    else if (typeof value === 'string' || typeof value === 'number') values[detailFieldName(facts.type, field)] = String(value);
  }
  return values;
}

export default async function EditMigrationPlanPage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const { planId } = await params;
  if (!z.uuid().safeParse(planId).success) notFound();
  const view = await getMigrationPlan(user, planId.toLowerCase()).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  if (!view.canManage || view.facts.status !== 'planned' || view.changeRefusal !== null) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${view.facts.title}`}
        description={<>Migration plan of {changeReference(view.change.number)}. Changing the type starts that type&apos;s own fields afresh. <Link href={`/migrations/${view.plan.id}`} className={LINK}>Back to the plan</Link></>}
      />
      <MigrationPlanForm action={updateMigrationPlanAction} initial={formValues(view.facts)} hidden={{ planId: view.plan.id, version: view.plan.version }} submitLabel="Save changes" />
    </>
  );
}
