// One error type for broken domain rules; its message is safe to show to the user.
export type DomainErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID' | 'CONFLICT' | 'STALE_VERSION';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors?: Partial<Record<string, string[]>>;

  constructor(code: DomainErrorCode, message: string, fieldErrors?: Partial<Record<string, string[]>>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** Prisma's unique-constraint violation: a double submit or a lost race. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
