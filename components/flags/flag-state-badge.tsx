import type { FlagState } from '@/lib/policy/flag-staleness';
import { Badge } from '@/components/ui/badge';

const STATE: Record<FlagState, { tone: 'good' | 'warn' | 'neutral'; label: string }> = {
  active: { tone: 'good', label: 'Active' },
  stale: { tone: 'warn', label: 'Stale' },
  archived: { tone: 'neutral', label: 'Archived' },
};

/** The flag's state in words (never colour alone), with days stale when past its expiry. */
export function FlagStateBadge({ state, daysStale }: Readonly<{ state: FlagState; daysStale: number | null }>) {
  const { tone, label } = STATE[state];
  return <Badge tone={tone}>{state === 'stale' && daysStale !== null ? `${label} (${daysStale} ${daysStale === 1 ? 'day' : 'days'})` : label}</Badge>;
}

/** The key's lint result in words. */
export function FlagLintBadge({ passes }: Readonly<{ passes: boolean }>) {
  return <Badge tone={passes ? 'good' : 'bad'}>{passes ? 'Name OK' : 'Name breaks convention'}</Badge>;
}
