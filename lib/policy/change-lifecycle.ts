// Change request lifecycle — POL-012 CTRL-012.1. Which transitions exist, and which edits are
// material (they reset approvals). Pure.
import type { ChangeStatus } from '@/lib/policy/change-class';

export type ChangeTransition = 'submit' | 'cancel' | 'deploy' | 'close';

/** From which states each explicit transition may start. Approval and rejection follow the rules, not a button. */
const TRANSITIONS: Record<ChangeTransition, { from: readonly ChangeStatus[]; to: ChangeStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  cancel: { from: ['draft', 'submitted', 'approved', 'rejected'], to: 'cancelled' },
  deploy: { from: ['approved', 'deployed'], to: 'deployed' },
  close: { from: ['deployed'], to: 'closed' },
};

export function transitionTarget(transition: ChangeTransition, from: ChangeStatus): ChangeStatus | null {
  const rule = TRANSITIONS[transition];
  return rule.from.includes(from) ? rule.to : null;
}

/** Changes that can still be edited: once deployed, the record is evidence and only its outcome is added. */
export function isEditable(status: ChangeStatus): boolean {
  return status === 'draft' || status === 'submitted' || status === 'approved' || status === 'rejected';
}

/** Whether approvals and rejections are taken now. */
export function isOpenForReview(status: ChangeStatus): boolean {
  return status === 'submitted' || status === 'approved';
}

/** What gets deployed and where: editing any of it needs fresh approvals. */
export type MaterialContent = {
  changeClass: string;
  serviceIds: readonly string[];
  environmentIds: readonly string[];
  changedPaths: readonly string[];
  pullRequestUrls: readonly string[];
  adrUrl: string | null;
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** The material fields that differ; documentation (title, description, rollback narrative) never counts. */
export function materialDifferences(before: MaterialContent, after: MaterialContent): (keyof MaterialContent)[] {
  const differences: (keyof MaterialContent)[] = [];
  if (before.changeClass !== after.changeClass) differences.push('changeClass');
  if (!sameSet(before.serviceIds, after.serviceIds)) differences.push('serviceIds');
  if (!sameSet(before.environmentIds, after.environmentIds)) differences.push('environmentIds');
  if (!sameSet(before.changedPaths, after.changedPaths)) differences.push('changedPaths');
  if (!sameSet(before.pullRequestUrls, after.pullRequestUrls)) differences.push('pullRequestUrls');
  if ((before.adrUrl ?? null) !== (after.adrUrl ?? null)) differences.push('adrUrl');
  return differences;
}

/**
 * The status after an edit: a material edit sends an approved or rejected change back for review
 * (its decisions stay on the old version); a draft stays a draft.
 */
export function statusAfterEdit(status: ChangeStatus, isMaterial: boolean): ChangeStatus {
  if (!isMaterial) return status;
  return status === 'approved' || status === 'rejected' ? 'submitted' : status;
}
