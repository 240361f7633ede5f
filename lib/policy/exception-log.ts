// Exceptions log — POL-012 exception path ("All exceptions logged"). Pure.
// Every departure from the normal path is one entry: emergency changes, freeze overrides, others.

export const EXCEPTION_KINDS = ['emergency_change', 'freeze_override', 'other'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_STATUSES = ['open', 'documented'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export const EXCEPTION_KIND_LABEL: Record<ExceptionKind, string> = {
  emergency_change: 'Emergency change',
  freeze_override: 'Freeze override',
  other: 'Other',
};

export const EXCEPTION_STATUS_LABEL: Record<ExceptionStatus, string> = { open: 'Open', documented: 'Documented' };

/**
 * Assumption: a freeze override's entry is documented from the moment it is granted: what the policy
 * asks of it (IC or manager approval, written justification) is required before the override exists,
 * so nothing is owed afterwards; its deadline is the override's expiry, when the exception lapses.
 * Emergency changes stay open until their record and second approval are in (exception path, step 1).
 */
export const OVERRIDE_EXCEPTION_STATUS: ExceptionStatus = 'documented';

/** An entry is overdue once its deadline has passed while it is still open (a deadline is a closed bound). */
export function isExceptionOverdue(entry: { status: ExceptionStatus; deadlineAt: Date | null }, at: Date): boolean {
  return entry.status === 'open' && entry.deadlineAt !== null && at.getTime() > entry.deadlineAt.getTime();
}

type ExceptionPerson = { name: string | null; email: string };

/** What the log shows and exports of an entry, whatever reads it (the page's table, the Markdown and CSV files). */
export type ExceptionLogEntry = {
  id: string;
  kind: ExceptionKind;
  status: ExceptionStatus;
  isOverdue: boolean;
  justification: string;
  openedAt: Date;
  deadlineAt: Date | null;
  documentedAt: Date | null;
  changeRequest: { number: number; title: string } | null;
  requestedBy: ExceptionPerson;
  approvedBy: ExceptionPerson | null;
};
