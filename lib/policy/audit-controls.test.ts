import { describe, expect, test } from 'vitest';
import { controlForAction } from '@/lib/policy/audit-controls';

describe('controlForAction', () => {
  test.each([
    { action: 'change.approved', control: 'CTRL-012.1' },
    { action: 'change.approval-denied', control: 'CTRL-012.1' },
    { action: 'exception.documented', control: 'EXCEPTION-PATH' },
    { action: 'freeze.declared', control: 'CTRL-012.2' },
    { action: 'migration.rolled-back', control: 'CTRL-012.3' },
    { action: 'flag.archived', control: 'CTRL-012.4' },
    { action: 'config-change.confirmed', control: 'CTRL-012.5' },
    { action: 'user.signed-in', control: null },
    { action: 'changes.x', control: null },
  ])('$action → $control', ({ action, control }) => {
    expect(controlForAction(action)).toBe(control);
  });
});
