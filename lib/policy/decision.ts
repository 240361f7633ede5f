// A reason behind any policy decision, naming the control it comes from. Pure.

export type PolicyControl = 'CTRL-012.1' | 'CTRL-012.2' | 'CTRL-012.3' | 'CTRL-012.4' | 'CTRL-012.5' | 'EXCEPTION-PATH';

export type PolicyReason = {
  control: PolicyControl;
  /** Stable machine code, e.g. `APPROVALS_MISSING`. */
  code: string;
  /** The rule's words, safe to show to people. */
  message: string;
};
