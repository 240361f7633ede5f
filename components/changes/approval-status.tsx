import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import type { PolicyReason } from '@/lib/policy/decision';

export type ApprovalRow = {
  id: string;
  decision: 'approve' | 'reject';
  comment: string;
  contentVersion: number;
  wasStaffPlus: boolean;
  decidedAt: Date;
  approverName: string;
};

type Props = {
  state: 'approved' | 'pending' | 'rejected';
  missing: PolicyReason[];
  approvals: ApprovalRow[];
  contentVersion: number;
  timeZone: string;
  children?: ReactNode;
};

const STATE_TEXT = { approved: 'Meets its approval rule', pending: 'Not approved yet', rejected: 'Rejected' } as const;

/** Where the change stands against CTRL-012.1, in words, with every decision and the version it was for. */
export function ApprovalStatus({ state, missing, approvals, contentVersion, timeZone, children }: Readonly<Props>) {
  return (
    <section aria-labelledby="approval-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="approval-heading" className="text-lg font-semibold">Approval <span className="font-mono text-sm font-normal text-slate-600">CTRL-012.1</span></h2>
      <p className="mt-2 flex items-center gap-2 text-sm">
        <Badge tone={state === 'approved' ? 'good' : state === 'rejected' ? 'bad' : 'warn'}>{STATE_TEXT[state]}</Badge>
        <span>for version {contentVersion}</span>
      </p>
      {missing.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-sm" aria-label="Still missing">
          {missing.map((reason) => <li key={reason.code}>{reason.message}</li>)}
        </ul>
      ) : null}
      {approvals.length > 0 ? (
        <ul className="mt-4 space-y-2 text-sm" aria-label="Decisions">
          {approvals.map((approval) => (
            <li key={approval.id} className={approval.contentVersion === contentVersion ? '' : 'text-slate-600'}>
              <span className="font-medium">{approval.approverName}</span>
              {approval.wasStaffPlus ? ' (Staff+)' : ''} {approval.decision === 'approve' ? 'approved' : 'rejected'} version {approval.contentVersion}
              {approval.contentVersion === contentVersion ? '' : ' — superseded by a later edit'} · <Time at={approval.decidedAt} timeZone={timeZone} />
              {approval.comment ? <span className="block whitespace-pre-wrap text-slate-700">“{approval.comment}”</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-slate-600">No decisions yet.</p>
      )}
      {children ? <div className="mt-4 border-t border-slate-100 pt-4">{children}</div> : null}
    </section>
  );
}
