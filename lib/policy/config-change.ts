// Configuration change control — POL-012 CTRL-012.5. Pure.
// Each kind of non-code production change has its own process; a record shows what the process
// still lacks, who may confirm it (never the requester: the two-person rule) and when it is
// unauthorized (made outside the record and reported afterwards).
import type { PolicyReason } from '@/lib/policy/decision';
import { canFileChange, type Actor } from '@/lib/policy/permissions';

export const CONFIG_CHANGE_TYPES = ['env_var', 'feature_flag', 'dns', 'load_balancer', 'secret_rotation'] as const;
export type ConfigChangeType = (typeof CONFIG_CHANGE_TYPES)[number];

export const CONFIG_CHANGE_TYPE_LABEL: Record<ConfigChangeType, string> = {
  env_var: 'Environment variable',
  feature_flag: 'Feature flag',
  dns: 'DNS change',
  load_balancer: 'Load balancer config',
  secret_rotation: 'Secret rotation',
};

export const CONFIG_CHANGE_STATUSES = ['planned', 'applied', 'cancelled'] as const;
export type ConfigChangeStatus = (typeof CONFIG_CHANGE_STATUSES)[number];

export const CONFIG_CHANGE_STATUS_LABEL: Record<ConfigChangeStatus, string> = { planned: 'Planned', applied: 'Applied', cancelled: 'Cancelled' };

/** The policy's own words for each process. */
export const CONFIG_CHANGE_PROCESS: Record<ConfigChangeType, string> = {
  env_var: 'PR to config repo, reviewed, tested in staging',
  feature_flag: 'Flag management UI with audit log',
  dns: 'PR with peer review, low-TTL rollout',
  load_balancer: 'IaC PR with peer review',
  secret_rotation: 'Automated where possible, manual requires 2-person rule',
};

/** Longest record TTL that counts as "low" while a DNS change rolls out. */
// Assumption: "low-TTL rollout" means a TTL of at most 300 seconds (5 minutes) during the rollout.
export const LOW_DNS_TTL_SECONDS = 300;

/** Each type's own process evidence, stored in the record's `details`. Empty text means "not given yet". */
export type ConfigDetailsByType = {
  env_var: { variable: string; pullRequestUrl: string; stagingTest: string };
  feature_flag: { flagKey: string; description: string };
  dns: { record: string; pullRequestUrl: string; rolloutTtlSeconds: number | null };
  load_balancer: { pullRequestUrl: string };
  secret_rotation: { secretName: string; mode: 'automated' | 'manual' | null; automationRunUrl: string };
};

export type ConfigDetails<T extends ConfigChangeType = ConfigChangeType> = ConfigDetailsByType[T];

export type ConfigChangeFacts = {
  [T in ConfigChangeType]: { type: T; details: ConfigDetails<T>; requestedById: string; isReportedAfter: boolean };
}[ConfigChangeType];

export type ConfigChecklistItem = { key: string; label: string; isDone: boolean; missing: string };

export function emptyConfigDetails<T extends ConfigChangeType>(type: T): ConfigDetails<T> {
  const empty: { [K in ConfigChangeType]: ConfigDetails<K> } = {
    env_var: { variable: '', pullRequestUrl: '', stagingTest: '' },
    feature_flag: { flagKey: '', description: '' },
    dns: { record: '', pullRequestUrl: '', rolloutTtlSeconds: null },
    load_balancer: { pullRequestUrl: '' },
    secret_rotation: { secretName: '', mode: null, automationRunUrl: '' },
  };
  return empty[type];
}

/**
 * Whether the record needs a second person to confirm it. Reviews and the two-person rule are both
 * a second, different person confirming in Changeboard.
 * Assumption: "reviewed" and "peer review" are recorded as a confirmation by someone other than the
 * requester, next to the pull-request link; a flag change is recorded through the flag inventory's
 * audit log instead, and an automated secret rotation through its run.
 */
export function needsConfirmation(change: ConfigChangeFacts): boolean {
  switch (change.type) {
    case 'env_var':
    case 'dns':
    case 'load_balancer':
      return true;
    case 'secret_rotation':
      return change.details.mode === 'manual';
    case 'feature_flag':
      return false;
  }
}

const given = (text: string) => text.trim().length > 0;
const item = (key: string, label: string, isDone: boolean, missing: string): ConfigChecklistItem => ({ key, label, isDone, missing: isDone ? '' : missing });

function typeItems(change: ConfigChangeFacts): ConfigChecklistItem[] {
  switch (change.type) {
    case 'env_var':
      return [
        item('pullRequestUrl', 'PR to the config repository', given(change.details.pullRequestUrl), 'No pull request to the config repository.'),
        item('stagingTest', 'Tested in staging', given(change.details.stagingTest), 'No staging test recorded.'),
      ];
    case 'feature_flag':
      return [item('flagKey', 'Flag named (changed in the flag management UI with its audit log)', given(change.details.flagKey), 'No flag key.')];
    case 'dns': {
      const ttl = change.details.rolloutTtlSeconds;
      return [
        item('pullRequestUrl', 'PR with the DNS change', given(change.details.pullRequestUrl), 'No pull request.'),
        item(
          'rolloutTtlSeconds', `Low TTL during the rollout (at most ${LOW_DNS_TTL_SECONDS} s)`, ttl !== null && ttl <= LOW_DNS_TTL_SECONDS,
          ttl === null ? 'No rollout TTL given.' : `A TTL of ${ttl} s is not low; at most ${LOW_DNS_TTL_SECONDS} s during the rollout.`,
        ),
      ];
    }
    case 'load_balancer':
      return [item('pullRequestUrl', 'Infrastructure-as-code PR', given(change.details.pullRequestUrl), 'No infrastructure-as-code pull request.')];
    case 'secret_rotation': {
      const { mode, automationRunUrl } = change.details;
      if (mode === 'automated') return [item('automationRunUrl', 'Link to the automated rotation run', given(automationRunUrl), 'No link to the automated run.')];
      return [item('mode', 'Automated, or manual under the two-person rule', mode === 'manual', 'Say whether the rotation is automated or manual.')];
    }
  }
}

const CONFIRMATION_LABEL: Record<ConfigChangeType, string> = {
  env_var: 'Reviewed by a second person',
  feature_flag: '',
  dns: 'Peer reviewed',
  load_balancer: 'Peer reviewed',
  secret_rotation: 'Confirmed by a second, different person (two-person rule)',
};

/** The record's process checklist; `confirmerIds` are the people who confirmed it. */
export function configChecklist(change: ConfigChangeFacts, confirmerIds: readonly string[]): ConfigChecklistItem[] {
  const items = typeItems(change);
  if (needsConfirmation(change)) {
    const hasSecondPerson = confirmerIds.some((id) => id !== change.requestedById);
    items.push(item('confirmation', CONFIRMATION_LABEL[change.type], hasSecondPerson, 'Waiting for a second, different person to confirm.'));
  }
  return items;
}

/** The refusal of a second confirmation by the same person (the database's key refuses it too). */
export const ALREADY_CONFIRMED = 'You have already confirmed this change; a second, different person must.';

/** Why a person may not confirm this record, or null when they may. */
export function confirmationRefusal(change: ConfigChangeFacts, confirmerId: string, confirmerIds: readonly string[]): string | null {
  if (!needsConfirmation(change)) return 'This change does not take a confirmation.';
  if (confirmerId === change.requestedById) return 'The two-person rule needs someone other than the requester.';
  if (confirmerIds.includes(confirmerId)) return ALREADY_CONFIRMED;
  return null;
}

/** What keeps the record from being applied, each naming CTRL-012.5. */
export function configReadiness(change: ConfigChangeFacts, confirmerIds: readonly string[]): PolicyReason[] {
  return configChecklist(change, confirmerIds)
    .filter((entry) => !entry.isDone)
    .map((entry) => ({ control: 'CTRL-012.5', code: 'CONFIG_PROCESS_INCOMPLETE', message: entry.missing }));
}

/** A change made in production outside its record and reported afterwards is unauthorized (CTRL-012.5). */
export function unauthorizedConfigReason(change: ConfigChangeFacts): PolicyReason | null {
  if (!change.isReportedAfter) return null;
  return { control: 'CTRL-012.5', code: 'CONFIG_OUTSIDE_PROCESS', message: `${CONFIG_CHANGE_TYPE_LABEL[change.type]} made in production outside its process and reported afterwards.` };
}

/** Who stands behind a record, as the permission reads it. */
export type ConfigChangeOwnership = { requestedById: string; requesterTeamId: string | null };

/**
 * Who may edit, apply or cancel a record: its requester, an engineer of the requester's team, or a
 * manager. Auditors only read.
 * Assumption: the requester's team runs the change, so a team mate may finish it for an absent
 * requester; confirming is separate (any other person, see confirmationRefusal).
 */
export function canManageConfigChange(actor: Actor, change: ConfigChangeOwnership): boolean {
  if (!canFileChange(actor)) return false;
  if (actor.role === 'manager') return true;
  return change.requestedById === actor.id || (actor.teamId !== null && actor.teamId === change.requesterTeamId);
}
