// A reason behind any policy decision, naming the control it comes from. Pure.

export type PolicyControl = 'CTRL-012.1' | 'CTRL-012.2' | 'CTRL-012.3' | 'CTRL-012.4' | 'CTRL-012.5' | 'EXCEPTION-PATH';

export type PolicyReason = {
  control: PolicyControl;
  /** Stable machine code, e.g. `APPROVALS_MISSING`. */
  code: string;
  /** The rule's words, safe to show to people. */
  message: string;
};

/** Reasons as stored in JSON columns (gate decisions, deployments), read back safely. */
export function parsePolicyReasons(value: unknown): PolicyReason[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is PolicyReason => typeof item === 'object' && item !== null && typeof item.control === 'string' && typeof item.code === 'string' && typeof item.message === 'string');
}
