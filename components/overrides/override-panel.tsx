import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import type { OverrideState } from '@/lib/policy/override-rules';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import { GrantOverrideForm, RevokeOverrideForm } from '@/components/overrides/override-forms';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type Person = { name: string | null; email: string };

export type OverrideItem = {
  id: string;
  justification: string;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
  state: OverrideState;
  grantedBy: Person;
  revokedBy: Person | null;
  requestedBy: Person | null;
  incident: { number: number; title: string; severity: string } | null;
};

type Props = {
  changeId: string;
  timeZone: string;
  maxHours: number;
  current: (OverrideItem & { canRevoke: boolean }) | null;
  history: OverrideItem[];
  /** Whether the viewer may grant now; when not, the rule's words. */
  grant: { allowed: true; incidentReference: string | null } | { allowed: false; message: string };
  /** False for drafts, rejected, cancelled and closed changes: they get no override. */
  isOverridable: boolean;
  requesters: { id: string; name: string }[];
  authorId: string;
  grantAction: Action;
  revokeAction: Action;
};

const STATE: Record<OverrideState, { label: string; tone: BadgeTone }> = {
  'in-force': { label: 'In force', tone: 'warn' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'neutral' },
  scheduled: { label: 'Not yet in force', tone: 'info' },
};

const nameOf = (person: Person) => person.name ?? person.email;

function Lifts({ override }: Readonly<{ override: OverrideItem }>) {
  return override.incident
    ? <>Lifts calendar freezes and the block of {`INC-${override.incident.number}`} ({override.incident.severity.toUpperCase()}, granted by its commander).</>
    : <>Lifts calendar freezes only (weekly windows, holidays, declared freezes); active incidents still block.</>;
}

function OverrideDetails({ override, timeZone, children }: Readonly<{ override: OverrideItem; timeZone: string; children?: ReactNode }>) {
  return (
    <div className="space-y-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={STATE[override.state].tone}>{STATE[override.state].label}</Badge>
        <span>Granted by <strong>{nameOf(override.grantedBy)}</strong>{override.requestedBy ? <> at the request of {nameOf(override.requestedBy)}</> : null}, <Time at={override.grantedAt} timeZone={timeZone} /></span>
      </p>
      <p>{override.state === 'in-force' ? 'Until' : 'Was due to expire'} <Time at={override.expiresAt} timeZone={timeZone} /></p>
      <p><Lifts override={override} /></p>
      {/* Justifications are people's words: rendered as text, never as HTML or Markdown. */}
      <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-2">{override.justification}</p>
      {override.revokedAt ? (
        <p>Revoked <Time at={override.revokedAt} timeZone={timeZone} />{override.revokedBy ? <> by {nameOf(override.revokedBy)}</> : null}: <span className="whitespace-pre-wrap">{override.revocationReason}</span></p>
      ) : null}
      {children}
    </div>
  );
}

/**
 * The change's freeze override (CTRL-012.2): the one in force, past ones, and the grant and revoke
 * forms for those allowed. The gate uses an override only when the pipeline asks for it.
 */
export function OverridePanel({ changeId, timeZone, maxHours, current, history, grant, isOverridable, requesters, authorId, grantAction, revokeAction }: Readonly<Props>) {
  if (!current && history.length === 0 && !isOverridable) return null;
  return (
    <section aria-labelledby="override-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="override-heading" className="text-lg font-semibold">Override</h2>
        <p className="text-sm text-slate-700">
          An engineering manager, or the commander of an active SEV1/SEV2 incident this change fixes, can let this change through freezes for a limited time (CTRL-012.2). Missing approvals still hold it.
          {' '}The pipeline must ask for it: <code className="rounded bg-slate-100 px-1">useOverride: true</code> on the gate check.
        </p>
      </div>
      <div>
        <h3 className="font-semibold">In force now</h3>
        {current ? (
          <OverrideDetails override={current} timeZone={timeZone}>
            {current.canRevoke ? <div className="pt-2"><RevokeOverrideForm action={revokeAction} changeId={changeId} overrideId={current.id} /></div> : null}
          </OverrideDetails>
        ) : <p className="text-sm text-slate-700">No override is in force.</p>}
      </div>
      {grant.allowed ? (
        <div className="space-y-2 border-t border-slate-200 pt-3">
          <h3 className="font-semibold">{current ? 'Replace the override' : 'Grant an override'}</h3>
          <p className="text-sm text-slate-700">
            {grant.incidentReference
              ? `As commander of ${grant.incidentReference}, your override also lifts that incident's block.`
              : 'Your override lifts calendar freezes only; an active incident keeps blocking until its commander grants one.'}
            {current ? ' Granting again revokes the override in force.' : ''}
          </p>
          <GrantOverrideForm action={grantAction} changeId={changeId} supersedes={current?.id ?? null} maxHours={maxHours} timeZone={timeZone} requesters={requesters} authorId={authorId} />
        </div>
      ) : isOverridable ? <p className="text-sm text-slate-700">You cannot grant an override: {grant.message}</p> : null}
      {history.length > 0 ? (
        <div className="space-y-2 border-t border-slate-200 pt-3">
          <h3 className="font-semibold">Past overrides</h3>
          <ul className="space-y-3">
            {history.map((override) => <li key={override.id}><OverrideDetails override={override} timeZone={timeZone} /></li>)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
