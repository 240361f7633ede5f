// Change classes — POL-012 CTRL-012.1. Pure.

export const CHANGE_CLASSES = ['standard', 'normal', 'emergency', 'major'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export const CHANGE_CLASS_INFO: Record<ChangeClass, { label: string; risk: string; approval: string }> = {
  standard: { label: 'Standard', risk: 'Low, well-tested pattern', approval: '1 reviewer' },
  normal: { label: 'Normal', risk: 'Medium, some risk', approval: '2 reviewers' },
  emergency: { label: 'Emergency', risk: 'Restoring service', approval: '1 reviewer (retroactive 2nd within 24 h)' },
  major: { label: 'Major', risk: 'High, broad impact', approval: 'ADR + 2 Staff+ reviewers' },
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CHANGE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'cancelled', 'deployed', 'closed'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const CHANGE_STATUS_LABEL: Record<ChangeStatus, string> = {
  draft: 'Draft',
  submitted: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  deployed: 'Deployed',
  closed: 'Closed',
};

/** Human reference of a change request. */
export function changeReference(number: number): string {
  return `CHG-${number}`;
}
