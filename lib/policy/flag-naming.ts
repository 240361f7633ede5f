// Feature flag naming — POL-012 CTRL-012.4. Pure.
// Keys follow `[team]-[feature]-[type]`: lowercase kebab case, a known team first, the flag's type last.
import type { PolicyReason } from '@/lib/policy/decision';

export const FLAG_TYPES = ['release', 'ops', 'experiment', 'permission'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

export const FLAG_TYPE_LABEL: Record<FlagType, string> = { release: 'Release', ops: 'Ops', experiment: 'Experiment', permission: 'Permission' };

export const MAX_FLAG_KEY_LENGTH = 100;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type FlagKeyLint = {
  key: string;
  passes: boolean;
  /** Every rule the key breaks, each naming CTRL-012.4; empty when it passes. */
  reasons: PolicyReason[];
  /** The parts read from a key that passes the shape checks (team slug, feature, type suffix). */
  parts: { team: string; feature: string; type: FlagType } | null;
};

const reason = (code: string, message: string): PolicyReason => ({ control: 'CTRL-012.4', code, message });

function isFlagType(value: string): value is FlagType {
  return (FLAG_TYPES as readonly string[]).includes(value);
}

/**
 * Lints one key against the convention. `teamSlugs` are the known teams (slugs may contain hyphens:
 * the longest one the key starts with wins); `type`, when known, must be the key's suffix.
 */
export function lintFlagKey(key: string, teamSlugs: readonly string[], type?: FlagType): FlagKeyLint {
  const reasons: PolicyReason[] = [];
  if (key.length === 0) return { key, passes: false, reasons: [reason('EMPTY', 'The key is empty.')], parts: null };
  if (key.length > MAX_FLAG_KEY_LENGTH) reasons.push(reason('TOO_LONG', `The key has ${key.length} characters; at most ${MAX_FLAG_KEY_LENGTH}.`));
  if (!KEBAB_CASE.test(key)) {
    reasons.push(reason('NOT_KEBAB_CASE', 'Use lowercase letters, digits and single hyphens only (kebab case), e.g. payments-checkout-release.'));
    return { key, passes: false, reasons, parts: null };
  }

  const team = [...teamSlugs].sort((a, b) => b.length - a.length).find((slug) => key.startsWith(`${slug}-`));
  const rest = team ? key.slice(team.length + 1) : key;
  const words = rest.split('-');
  const suffix = words.at(-1) ?? '';
  if (!team) reasons.push(reason('UNKNOWN_TEAM', `The key must start with a known team (${teamSlugs.length ? teamSlugs.join(', ') : 'no teams yet'}).`));
  if (!isFlagType(suffix)) reasons.push(reason('UNKNOWN_TYPE_SUFFIX', `The key must end with its type: ${FLAG_TYPES.join(', ')}.`));
  else if (type && suffix !== type) reasons.push(reason('TYPE_MISMATCH', `The key ends with "${suffix}" but the flag is a ${type} flag.`));
  const feature = words.slice(0, -1).join('-');
  if (team && feature.length === 0) reasons.push(reason('MISSING_FEATURE', 'Name the feature between the team and the type.'));

  const passes = reasons.length === 0;
  return { key, passes, reasons, parts: passes && team && isFlagType(suffix) ? { team, feature, type: suffix } : null };
}
