// Which POL-012 control an audited action evidences, so every timeline entry names its control. Pure.
import type { PolicyControl } from '@/lib/policy/decision';

const BY_PREFIX: [prefix: string, control: PolicyControl][] = [
  ['exception.', 'EXCEPTION-PATH'],
  ['change.', 'CTRL-012.1'],
  ['freeze', 'CTRL-012.2'],
  ['holiday.', 'CTRL-012.2'],
  ['incident.', 'CTRL-012.2'],
  ['override.', 'EXCEPTION-PATH'],
  ['gate.', 'CTRL-012.2'],
  ['deployment.', 'CTRL-012.2'],
  ['migration.', 'CTRL-012.3'],
  ['flag.', 'CTRL-012.4'],
  ['config-change.', 'CTRL-012.5'],
];

export function controlForAction(action: string): PolicyControl | null {
  return BY_PREFIX.find(([prefix]) => action.startsWith(prefix))?.[1] ?? null;
}
