import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth/session-user';
import { changeReference, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { isEditable, isOpenForReview } from '@/lib/policy/change-lifecycle';
import { DomainError } from '@/lib/server/errors';
import { getChange, type ChangeView } from '@/lib/server/change-requests/get-change';
import { listChangeEvents } from '@/lib/server/audit-events/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { WebLink } from '@/components/ui/web-link';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { ApprovalStatus } from '@/components/changes/approval-status';
import { ApprovalForm } from '@/components/changes/approval-form';
import { CancelChangeForm, CloseChangeForm, CompleteRecordForm, SubmitChangeForm } from '@/components/changes/lifecycle-forms';
import { DeploymentList } from '@/components/changes/deployment-list';
import { parsePolicyReasons } from '@/lib/policy/decision';
import { EmergencyReviewNotice } from '@/components/changes/emergency-review-notice';
import { AuditTimelineSection } from '@/components/audit/audit-timeline-section';
import { Detail, DetailList } from '@/components/ui/detail-list';
import { getOverridePanel } from '@/lib/server/overrides/queries';
import { OverridePanel } from '@/components/overrides/override-panel';
import { changeMigrationsSection } from '@/lib/server/migrations/queries';
import { ChangeMigrations } from '@/components/migrations/change-migrations';
import { cancelChangeAction, closeChangeAction, completeEmergencyRecordAction, decideApprovalAction, grantOverrideAction, revokeOverrideAction, submitChangeAction } from './actions';

export const metadata: Metadata = { title: 'Change request' };

type Props = { params: Promise<{ changeId: string }> };

async function findChange(user: SessionUser, changeId: string): Promise<ChangeView> {
  if (!z.uuid().safeParse(changeId).success) notFound();
  try {
    return await getChange(user, changeId, new Date());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

function List({ items, empty }: Readonly<{ items: React.ReactNode[]; empty: string }>) {
  return items.length ? <ul className="space-y-0.5">{items.map((item, index) => <li key={index}>{item}</li>)}</ul> : <span className="font-normal text-slate-600">{empty}</span>;
}

export default async function ChangePage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const { changeId } = await params;
  const view = await findChange(user, changeId);
  const { change, verdict, timeZone } = view;
  const [events, overrides] = await Promise.all([listChangeEvents(change.id), getOverridePanel(user, change.id, new Date())]);
  const migrations = await changeMigrationsSection(user, change);
  const canDecide = !view.approvalRefusal && (isOpenForReview(change.status) || (change.changeClass === 'emergency' && change.status === 'deployed'));
  return (
    <>
      <PageHeader
        title={`${changeReference(change.number)}: ${change.title}`}
        description={<span className="flex flex-wrap gap-2"><ChangeStatusBadge status={change.status} /><span>{CHANGE_CLASS_INFO[change.changeClass].label} change · needs {CHANGE_CLASS_INFO[change.changeClass].approval}</span></span>}
        actions={
          <>
            {view.isOwner && isEditable(change.status) ? <Link href={`/changes/${change.id}/edit`} className={BUTTON_SECONDARY}>Edit</Link> : null}
            <a href={`/changes/${change.id}/evidence?format=json`} className={BUTTON_SECONDARY}>Evidence (JSON)</a>
            <a href={`/changes/${change.id}/evidence?format=md`} className={BUTTON_SECONDARY}>Evidence (Markdown)</a>
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {view.emergencyReview ? (
            <EmergencyReviewNotice review={view.emergencyReview} timeZone={timeZone}>
              {view.isOwner && change.status !== 'draft' && !view.emergencyReview.isDocumented ? <CompleteRecordForm action={completeEmergencyRecordAction} changeId={change.id} version={change.version} /> : null}
            </EmergencyReviewNotice>
          ) : null}
          <ApprovalStatus
            state={verdict.state}
            missing={verdict.missing}
            contentVersion={change.contentVersion}
            timeZone={timeZone}
            approvals={change.approvals.map((approval) => ({ ...approval, approverName: approval.approver.name ?? approval.approver.email }))}
          >
            {change.status === 'draft' ? <p className="text-sm text-slate-700">Reviewers decide once the change is submitted.</p> : null}
            {canDecide ? <ApprovalForm action={decideApprovalAction} changeId={change.id} contentVersion={change.contentVersion} /> : null}
            {!canDecide && isOpenForReview(change.status) && view.approvalRefusal ? <p className="text-sm text-slate-700">You cannot decide on this change: {view.approvalRefusal.message}</p> : null}
          </ApprovalStatus>
          <ChangeMigrations changeId={change.id} plans={migrations.plans} canAdd={migrations.canAdd} />
          <DeploymentList
            timeZone={timeZone}
            deployments={change.deployments.map((deployment) => ({ ...deployment, environmentName: deployment.environment.name, reasons: parsePolicyReasons(deployment.unauthorizedReasons) }))}
          />
          <OverridePanel
            changeId={change.id}
            timeZone={overrides.timeZone}
            maxHours={overrides.maxHours}
            current={overrides.current}
            history={overrides.history}
            grant={overrides.grant.allowed ? { allowed: true, incidentReference: overrides.grantIncidentReference } : { allowed: false, message: overrides.grant.reason.message }}
            isOverridable={overrides.isOverridable}
            requesters={overrides.requesters}
            authorId={overrides.authorId}
            grantAction={grantOverrideAction}
            revokeAction={revokeOverrideAction}
          />
          {change.status === 'deployed' && (view.isOwner || user.role === 'manager') ? (
            <section aria-labelledby="close-heading" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="close-heading" className="mb-2 text-lg font-semibold">Close</h2>
              <CloseChangeForm action={closeChangeAction} changeId={change.id} version={change.version} />
            </section>
          ) : null}
          {change.outcome ? <p className="text-sm">Closed with outcome: <strong>{change.outcome === 'rolled_back' ? 'rolled back' : change.outcome}</strong>{change.closedAt ? <> · <Time at={change.closedAt} timeZone={timeZone} /></> : null}</p> : null}
          {view.isOwner && (change.status === 'draft' || isEditable(change.status)) ? (
            <section aria-labelledby="lifecycle" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="lifecycle" className="text-lg font-semibold">Lifecycle</h2>
              {change.status === 'draft' ? <SubmitChangeForm action={submitChangeAction} changeId={change.id} version={change.version} /> : null}
              <CancelChangeForm action={cancelChangeAction} changeId={change.id} version={change.version} />
            </section>
          ) : null}
          <section aria-labelledby="details" className="space-y-3">
            <h2 id="details" className="text-lg font-semibold">Details</h2>
            <DetailList>
              <Detail term="Risk"><span className="capitalize">{change.risk}</span></Detail>
              <Detail term="Team">{change.team.name}</Detail>
              <Detail term="Services"><List items={change.services.map(({ service }) => service.name)} empty="None" /></Detail>
              <Detail term="Environments"><List items={change.environments.map(({ environment }) => environment.name)} empty="None named" /></Detail>
              <Detail term="Incidents"><List items={view.incidents.map((incident) => `${incident.reference} · ${incident.severity.toUpperCase()} · ${incident.title} — ${incident.link === 'fixes' ? 'this change fixes it' : 'caused by this change'} (${incident.isActive ? 'active' : 'resolved'})`)} empty="None linked" /></Detail>
              <Detail term="Author">{change.author.name ?? change.author.email}</Detail>
              <Detail term="Co-authors"><List items={change.coAuthors.map(({ user }) => user.name ?? user.email)} empty="None" /></Detail>
              <Detail term="Pull requests"><List items={change.pullRequestUrls.map((url) => <WebLink key={url} url={url} />)} empty="None linked" /></Detail>
              <Detail term="PR class label">{change.prLabel ? CHANGE_CLASS_INFO[change.prLabel].label : <span className="font-normal text-slate-600">Not reported</span>}</Detail>
              <Detail term="ADR">{change.adrUrl ? <WebLink url={change.adrUrl} /> : <span className="font-normal text-slate-600">None</span>}</Detail>
              <Detail term="Planned window">{change.plannedStart && change.plannedEnd ? <><Time at={change.plannedStart} timeZone={timeZone} /> – <Time at={change.plannedEnd} timeZone={timeZone} /></> : <span className="font-normal text-slate-600">Not planned</span>}</Detail>
              <Detail term="Filed"><Time at={change.createdAt} timeZone={timeZone} /></Detail>
              <Detail term="Versions">content v{change.contentVersion} · record v{change.version}</Detail>
            </DetailList>
            <h3 className="font-semibold">Changed paths (scope)</h3>
            <div className="rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs"><List items={change.changedPaths} empty="No paths reported." /></div>
            <h3 className="font-semibold">Description</h3>
            <p className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{change.description || 'No description.'}</p>
            <h3 className="font-semibold">Rollback plan</h3>
            <p className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{change.rollbackPlan || 'No rollback plan yet.'}</p>
            {change.notes ? (
              <>
                <h3 className="font-semibold">Notes</h3>
                <p className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{change.notes}</p>
              </>
            ) : null}
          </section>
        </div>
        <AuditTimelineSection events={events} timeZone={timeZone} />
      </div>
    </>
  );
}
