import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { changeReference } from '@/lib/policy/change-class';
import { isEditable } from '@/lib/policy/change-lifecycle';
import { DomainError } from '@/lib/server/errors';
import { getChange } from '@/lib/server/change-requests/get-change';
import { changeFormOptions } from '@/lib/server/change-requests/form-options';
import { isoToLocalInput } from '@/lib/time/local-input';
import { INCIDENT_FIELD_PREFIX } from '@/lib/schemas/change-request-form';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { ChangeRequestForm } from '@/components/changes/change-request-form';
import { updateChangeAction } from './actions';

export const metadata: Metadata = { title: 'Edit change request' };

type Props = { params: Promise<{ changeId: string }> };

/** The form's per-incident selects: `incident:<id>` → 'fixes', 'caused' or both. */
function incidentValues(incidents: readonly { id: string; link: string }[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { id, link } of incidents) {
    const key = `${INCIDENT_FIELD_PREFIX}${id}`;
    values[key] = values[key] ? `${values[key]},${link}` : link;
  }
  return values;
}

export default async function EditChangePage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const { changeId } = await params;
  if (!z.uuid().safeParse(changeId).success) notFound();
  const at = new Date();
  const view = await getChange(user, changeId, at).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const { change } = view;
  if (!view.isOwner || !isEditable(change.status)) notFound();
  const options = await changeFormOptions(at, view.incidents.map(({ id }) => id));
  return (
    <>
      <PageHeader
        title={`Edit ${changeReference(change.number)}`}
        description={<>Editing what is deployed or where (class, services, environments, pull requests, paths, ADR) starts version {change.contentVersion + 1} and needs fresh approvals. <Link href={`/changes/${change.id}`} className={LINK}>Back to the change</Link></>}
      />
      <ChangeRequestForm
        action={updateChangeAction}
        {...options}
        people={options.people.filter((person) => person.id !== change.authorId)}
        editing={{ changeId: change.id, version: change.version }}
        initial={{
          title: change.title, description: change.description, changeClass: change.changeClass, risk: change.risk, teamId: change.teamId,
          serviceIds: change.services.map(({ service }) => service.id), environmentIds: change.environments.map(({ environment }) => environment.id),
          pullRequestUrls: change.pullRequestUrls.join('\n'), changedPaths: change.changedPaths.join('\n'), prLabel: change.prLabel ?? '',
          adrUrl: change.adrUrl ?? '',
          plannedStart: change.plannedStart ? isoToLocalInput(change.plannedStart, view.timeZone) : '',
          plannedEnd: change.plannedEnd ? isoToLocalInput(change.plannedEnd, view.timeZone) : '', rollbackPlan: change.rollbackPlan, notes: change.notes, coAuthorIds: change.coAuthors.map(({ user: coAuthor }) => coAuthor.id),
          ...incidentValues(view.incidents),
        }}
        submitLabel="Save changes"
        timeZone={view.timeZone}
      />
    </>
  );
}
